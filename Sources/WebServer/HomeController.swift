import Foundation
import Hummingbird
import Publishing
import RegisterCore

/// The landing page: what the register is and where its feeds and data are. The
/// browsable public pages come with their own issue; until then this page points to
/// the feeds, which browsers show readably through feed.xsl.
struct HomeController {
    let register: Register

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in
            let (settings, head, issues, anyPublished) = try await register.read { snapshot in
                var anyPublished = false
                try snapshot.forEachPublicMeeting(MeetingFilter(status: .published, limit: 1)) { _ in anyPublished = true }
                return (try snapshot.settings(), try snapshot.ledgerHead(), try snapshot.issues(), anyPublished)
            }
            var html = """
                <!DOCTYPE html>
                <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>\(escape(settings.bodyName)) – lobbyregister</title>
                <style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b4f9c}</style>
                </head><body><main>
                <h1>\(escape(settings.bodyName)): möten om påverkan</h1>
                <p>Här redovisas vilka våra förtroendevalda och tjänstepersoner möter för att påverka eller påverkas i beslut: vem, för vilken organisation och i vilken fråga.</p>
                <h2>Flöden</h2>
                <ul><li><a href="/feeds/meetings.atom">Alla publicerade möten (Atom-flöde)</a></li>
                """
            for issue in issues {
                html += "<li><a href=\"/feeds/issues/\(issue.id).atom\">Fråga: \(escape(issue.title))</a></li>"
            }
            html += "</ul><p>Registret har \(head.sequence) ändringar i sin hashkedja; senaste: <code>\(head.hash)</code>.</p>"
            if !anyPublished { html += "<p>Inga möten är publicerade ännu.</p>" }
            html += "</main></body></html>"
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
