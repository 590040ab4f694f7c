import Foundation

/// A minimal, valid one-page PDF showing `text` in Helvetica (WinAnsi), for import tests.
enum SamplePDF {
    static func make(_ text: String) -> Data {
        // WinAnsi is Latin-1 for French letters; escape PDF string delimiters.
        let escaped = text.unicodeScalars.map { s -> String in
            switch s {
            case "(", ")", "\\": return "\\\(s)"
            case _ where s.value < 128: return String(s)
            case _ where s.value < 256: return "\\" + String(s.value, radix: 8)
            default: return "?"
            }
        }.joined()
        let stream = "BT /F1 14 Tf 72 720 Td (\(escaped)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(i + 1) 0 obj\n\(body)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out.utf8)
    }

    /// A multipart body with the file and its metadata.
    static func multipart(file: Data, filename: String, metadata: String?, boundary: String = "ParapheBoundary7MA4YWxk") -> Data {
        var body = Data()
        if let metadata {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n\(metadata)\r\n".utf8)
        }
        body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/pdf\r\n\r\n".utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return body
    }
}
