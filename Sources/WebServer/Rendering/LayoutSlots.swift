import Foundation
import NIOCore
import RegisterCore

/// Where a public page's layout header and footer are in its rendered bytes, and the
/// layout's data they were rendered from. A public page is rendered once for every
/// reader, anonymously, and kept; a signed-in reader gets the kept bytes with the
/// header and footer rendered for them (their links, their name, sign-out) in place
/// of the anonymous ones, which costs two small templates, not the page.
struct LayoutSlots: Sendable {
    let frame: SiteFrame
    /// Byte offsets in the page of what `layout-header` and `layout-footer` rendered.
    let header: Range<Int>
    let footer: Range<Int>

    /// The slots of `html`, found by rendering the two partials alone with the page's
    /// frame; nil when either is not in it exactly once (a theme's page that does not
    /// use them), and then every reader gets the anonymous page.
    init?(html: String, frame: SiteFrame, header: String, footer: String) {
        let bytes = Array(html.utf8)
        guard let header = Self.uniqueRange(of: Array(header.utf8), in: bytes),
              let footer = Self.uniqueRange(of: Array(footer.utf8), in: bytes),
              header.upperBound <= footer.lowerBound else { return nil }
        self.frame = frame
        self.header = header
        self.footer = footer
    }

    /// The page with `header` and `footer` in place of the anonymous ones.
    func splice(_ page: ByteBuffer, header: String, footer: String) -> ByteBuffer {
        var result = ByteBuffer()
        result.reserveCapacity(page.readableBytes + header.utf8.count + footer.utf8.count - self.header.count - self.footer.count)
        let start = page.readerIndex
        result.writeImmutableBuffer(page.getSlice(at: start, length: self.header.lowerBound)!)
        result.writeString(header)
        result.writeImmutableBuffer(page.getSlice(at: start + self.header.upperBound, length: self.footer.lowerBound - self.header.upperBound)!)
        result.writeString(footer)
        result.writeImmutableBuffer(page.getSlice(at: start + self.footer.upperBound, length: page.readableBytes - self.footer.upperBound)!)
        return result
    }

    private static func uniqueRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard !needle.isEmpty, let found = haystack.firstRange(of: needle),
              haystack[(found.lowerBound + 1)...].firstRange(of: needle) == nil else { return nil }
        return found
    }
}
