/// The `<head>` the offline pages open with, the map page's and the report's: UTF-8, a mobile
/// viewport, incidentmap as the generator, the page's own `<meta>` lines, the title, and the
/// styles inlined (nothing is fetched).
///
/// ```swift
/// let head = PageHead(title: "Tripoli, April 2019", styles: [css]).html
/// ```
struct PageHead {
    /// The title, as text (it is escaped here).
    var title: String
    /// `<meta name=… content=…>` lines after the generator's, in order (content escaped here).
    var meta: [(name: String, content: String)] = []
    /// A comment after the title: where inlined code comes from and under which licence.
    var comment: String?
    /// The style sheets, each in a `<style>` of its own, in order.
    var styles: [String]

    /// From `<!DOCTYPE html>` to `</head>`, lines joined by newlines (none after the last).
    var html: String {
        var lines = [
            "<!DOCTYPE html>",
            "<html lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"generator\" content=\"incidentmap\">",
        ]
        lines += meta.map { "<meta name=\"\(MapPage.escapeHTML($0.name))\" content=\"\(MapPage.escapeHTML($0.content))\">" }
        lines.append("<title>\(MapPage.escapeHTML(title))</title>")
        if let comment { lines.append("<!-- \(comment) -->") }
        lines += styles.map { "<style>\($0)</style>" }
        lines.append("</head>")
        return lines.joined(separator: "\n")
    }
}
