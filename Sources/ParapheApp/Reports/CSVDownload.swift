import Hummingbird
import NIOCore
import ParapheCore

/// What every list and report does for a spreadsheet: whether the reader asked for CSV, and the headers of the file.
enum CSVDownload {
    /// `Accept: text/csv`, or `?format=csv` from a page's download link.
    static func wanted(_ request: Request) -> Bool {
        request.uri.queryParameters.get("format") == "csv" || request.headers[.accept]?.contains("text/csv") == true
    }

    static func headers(_ name: String) -> HTTPFields {
        [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\"", .cacheControl: "no-store"]
    }

    /// A paged list as a CSV file, streamed a page at a time: the export holds one page in memory whatever the count.
    /// `page` answers the rows after a cursor and the next cursor, nil at the end.
    static func stream<Cursor: Sendable>(_ name: String, language: Language, header: [String],
                                         page: @escaping @Sendable (Cursor?) async throws -> (rows: [[String]], next: Cursor?)) -> Response {
        let csv = CSV(language: language)
        return Response(status: .ok, headers: headers(name), body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: CSV.bom + csv.line(header)))
            var after: Cursor?
            while true {
                let (rows, next) = try await page(after)
                let chunk = rows.map { csv.line($0) }.joined()
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                guard let next else { break }
                after = next
            }
            try await writer.finish(nil)
        })
    }
}
