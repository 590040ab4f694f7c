import Foundation

/// `paraphe-bench content.json runs output-dir` (documents), `paraphe-bench seal content.json runs output-dir` or
/// `paraphe-bench policy work-dir [contracts]`.
let arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "policy" {
    try await PolicyBench.run(arguments)
} else if arguments.count > 1, arguments[1] == "seal" {
    try await SealBench.run(arguments)
} else {
    try DocumentBench.run(arguments)
}
