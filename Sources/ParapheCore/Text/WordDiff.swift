import Foundation

/// A word-level comparison of two texts, for showing a derogation against the standard clause.
public enum WordDiff {
    public enum Kind: String, Sendable, Hashable { case same, removed, added }

    public struct Segment: Sendable, Hashable {
        public var kind: Kind
        public var text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// Above this many token pairs the texts are shown as replaced whole: the table would cost more than it shows.
    static let budget = 4_000_000

    /// Segments that read `standard` with removals, then `proposed` with additions. Whitespace belongs to the word
    /// before it, so the segments join back into each text exactly.
    public static func compare(_ standard: String, _ proposed: String) -> [Segment] {
        let a = tokens(standard), b = tokens(proposed)
        guard a.count * b.count <= budget else { return merge([Segment(.removed, standard), Segment(.added, proposed)]) }
        // lengths[i][j]: the longest common run of a[i...] and b[j...]
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var segments: [Segment] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                segments.append(Segment(.same, a[i])); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // Removals first, so a replaced word reads "old, then new".
                segments.append(Segment(.removed, a[i])); i += 1
            } else {
                segments.append(Segment(.added, b[j])); j += 1
            }
        }
        return merge(segments)
    }

    static func tokens(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            if !character.isWhitespace, let last = current.last, last.isWhitespace {
                result.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func merge(_ segments: [Segment]) -> [Segment] {
        segments.reduce(into: []) { merged, segment in
            guard !segment.text.isEmpty else { return }
            if merged.last?.kind == segment.kind { merged[merged.count - 1].text += segment.text } else { merged.append(segment) }
        }
    }
}
