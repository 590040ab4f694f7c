import Foundation

/// A derogation beside the standard text: both cut into sentences, the sentences they share aligned, and each pair
/// of differing sentences compared word by word, so a change reads within its sentence rather than interleaved across
/// the whole clause.
public enum SideBySideDiff {
    public struct Row: Sendable, Hashable {
        /// The standard's sentence with its removed words marked (`same`, `removed`); nil where the contract adds one.
        public var standard: [WordDiff.Segment]?
        /// The contract's sentence with its added words marked (`same`, `added`); nil where it drops one.
        public var proposed: [WordDiff.Segment]?

        public var changed: Bool {
            (standard?.contains { $0.kind != .same } ?? true) || (proposed?.contains { $0.kind != .same } ?? true)
        }
    }

    /// Rows in reading order; the standard's sentences, read down the left, give back `standard`, and the right
    /// column gives back `proposed`.
    /// Above this many sentence pairs the texts are compared as one block: the table would cost more than it shows
    /// (a clause of 20,000 characters cut at every line is 10,000 sentences).
    static let budget = 250_000

    public static func rows(_ standard: String, _ proposed: String) -> [Row] {
        let a = sentences(standard), b = sentences(proposed)
        guard a.count * b.count <= budget else {
            let segments = WordDiff.compare(standard, proposed)
            return [Row(standard: segments.filter { $0.kind != .added }, proposed: segments.filter { $0.kind != .removed })]
        }
        // Sentences compared as numbers: each distinct trimmed sentence once.
        var ids: [String: Int] = [:]
        let id = { (s: String) -> Int in
            let key = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if let known = ids[key] { return known }
            ids[key] = ids.count
            return ids.count - 1
        }
        let ka = a.map(id), kb = b.map(id)
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = ka[i] == kb[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var rows: [Row] = []
        var removed: [String] = [], added: [String] = []
        func flush() {
            for index in 0..<max(removed.count, added.count) {
                switch (index < removed.count ? removed[index] : nil, index < added.count ? added[index] : nil) {
                case (let old?, let new?):
                    let segments = WordDiff.compare(old, new)
                    rows.append(Row(standard: segments.filter { $0.kind != .added }, proposed: segments.filter { $0.kind != .removed }))
                case (let old?, nil): rows.append(Row(standard: [WordDiff.Segment(.removed, old)], proposed: nil))
                case (nil, let new?): rows.append(Row(standard: nil, proposed: [WordDiff.Segment(.added, new)]))
                case (nil, nil): break
                }
            }
            removed = []
            added = []
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, ka[i] == kb[j] {
                flush()
                rows.append(Row(standard: [WordDiff.Segment(.same, a[i])], proposed: [WordDiff.Segment(.same, b[j])]))
                i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                removed.append(a[i]); i += 1
            } else {
                added.append(b[j]); j += 1
            }
        }
        flush()
        return rows
    }

    /// Sentences end after `.`, `!`, `?` or `;` followed by a space, and at line breaks; each keeps the whitespace
    /// after it, so they join back into the text exactly.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        // A terminator ends a sentence only once whitespace follows it: "99.9 %" stays whole.
        var terminated = false, spaced = false
        for character in text {
            if terminated, spaced, !character.isWhitespace {
                result.append(current)
                current = ""
                terminated = false
                spaced = false
            }
            current.append(character)
            if character.isNewline {
                terminated = true
                spaced = true
            } else if ".!?;".contains(character) {
                terminated = true
                spaced = false
            } else if character.isWhitespace {
                spaced = terminated
            } else {
                terminated = false
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
