/// The readable part of a gateway's HTML error page (nginx, Cloudflare): its `<title>`, else its
/// text with tags removed, on one line. Not an HTML parser; enough for a one-line message.
enum HTMLText {
    static func summary(of html: String) -> String {
        var text = ""
        var title = ""
        var inTitle = false
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = tag.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? ""
                if name == "title" { inTitle = true }
                if name == "/title" { inTitle = false }
                text.append(" ")
                index = html.index(after: close)
                continue
            }
            if inTitle { title.append(character) } else { text.append(character) }
            index = html.index(after: index)
        }
        let summary = collapsed(title)
        return summary.isEmpty ? collapsed(text) : summary
    }

    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
