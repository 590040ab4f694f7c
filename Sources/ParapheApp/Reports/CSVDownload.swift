import Hummingbird

/// What every list and report does for a spreadsheet: whether the reader asked for CSV, and the headers of the file.
enum CSVDownload {
    /// `Accept: text/csv`, or `?format=csv` from a page's download link.
    static func wanted(_ request: Request) -> Bool {
        request.uri.queryParameters.get("format") == "csv" || request.headers[.accept]?.contains("text/csv") == true
    }

    static func headers(_ name: String) -> HTTPFields {
        [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name).csv\"", .cacheControl: "no-store"]
    }
}
