import ArgumentParser
import Delivery
import Foundation
import RegisterCore

/// `insyn endpoint …`: the push endpoints that receive every public change.
struct EndpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoint", abstract: "Keep the push endpoints that receive every public change.",
        subcommands: [Add.self, List.self, Update.self, Remove.self, Disable.self, Enable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an endpoint; prints its id, then the signing secret if one was generated (shown only this once).",
            discussion: """
                A webhook gets every public change as a signed JSON event (Standard Webhooks); without --secret a \
                secret is generated. A ckan endpoint is a CKAN site whose DataStore resource --resource-id keeps one \
                row per meeting; --token is its API token. The endpoint receives the changes made after it is added; \
                --from-start queues every public change already in the register as well.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The webhook's URL, or the CKAN site's base URL.") var url: String
        @Option(help: "webhook or ckan.") var kind: EndpointKind
        @Option(help: "The webhook signing secret (whsec_…); generated when absent.") var secret: String?
        @Option(help: "The CKAN API token, sent in the Authorization header.") var token: String?
        @Option(help: "The CKAN DataStore resource id that holds the meetings.") var resourceId: String?
        @Flag(help: "Also queue every public change already in the register.") var fromStart = false

        func run() throws {
            let register = try global.openRegister()
            let generated = kind == .webhook && secret == nil ? WebhookSigner.generateSecret() : nil
            let endpoint = try register.addEndpoint(NewEndpoint(
                url: url, kind: kind, secret: secret ?? generated, token: token, resourceId: resourceId, fromStart: fromStart), by: .shell)
            print(endpoint.id)
            if let generated { print(generated) }
            let start = endpoint.createdAfterSequence == 0 ? "every public change" : "public changes after change \(endpoint.createdAfterSequence)"
            let note = generated == nil ? "" : " The signing secret above is shown only this once; give it to the receiver."
            FileHandle.standardError.write(Data("Endpoint \(endpoint.id) will receive \(start).\(note)\n".utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the endpoints; secrets and tokens are shortened. A paused endpoint shows why.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            for endpoint in try global.openRegister().endpoints() {
                print(Self.line(endpoint))
                if let pause = endpoint.pause { print("  " + Self.describe(pause, of: endpoint)) }
            }
        }

        static func line(_ endpoint: Endpoint) -> String {
            let credential = switch endpoint.kind {
            case .webhook: "secret \(shortened(endpoint.secret, keeping: 10))"
            case .ckan: "token \(shortened(endpoint.token, keeping: 4))\tresource \(endpoint.resourceId ?? "–")"
            }
            let start = endpoint.createdAfterSequence == 0 ? "from the start" : "after change \(endpoint.createdAfterSequence)"
            return "\(endpoint.id)\t\(endpoint.kind.rawValue)\t\(state(endpoint))\t\(endpoint.url)\t\(credential)\t\(start)"
        }

        static func state(_ endpoint: Endpoint) -> String {
            !endpoint.enabled ? "disabled" : endpoint.pause == nil ? "enabled" : "paused"
        }

        static func describe(_ pause: EndpointPause, of endpoint: Endpoint) -> String {
            "paused \(Timestamp.format(pause.at)): \(pause.reason); `insyn endpoint update \(endpoint.id) …` or `insyn endpoint enable \(endpoint.id)` resumes it"
        }

        static func shortened(_ secret: String?, keeping count: Int) -> String {
            guard let secret else { return "–" }
            return secret.count > count * 2 ? String(secret.prefix(count)) + "…" : "…"
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an endpoint's URL, secret, token or resource id; a paused endpoint resumes where it stopped.",
            discussion: """
                The endpoint as changed is checked as `endpoint add` checks a new one. Its pending deliveries, held \
                ones and retries included, go to it as it is now, in ledger order; dead letters stay dead until \
                `push retry`. A running `push --follow` or `serve` picks the change up within one --poll.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The endpoint's id.") var id: Int64
        @Option(help: "The webhook's URL, or the CKAN site's base URL.") var url: String?
        @Option(help: "A new webhook signing secret (whsec_…).") var secret: String?
        @Option(help: "A new CKAN API token.") var token: String?
        @Option(help: "The CKAN DataStore resource id.") var resourceId: String?

        func run() throws {
            let register = try global.openRegister()
            let before = try register.endpoint(id)
            let endpoint = try register.updateEndpoint(id, EndpointUpdate(url: url, secret: secret, token: token, resourceId: resourceId), by: .shell)
            print("Updated endpoint \(id)\(before.pause == nil ? "" : "; it resumes where it stopped").")
            print(List.line(endpoint))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an endpoint and its outbox; its undelivered changes are never sent.",
            discussion: """
                The endpoint and all its deliveries (delivered, pending, dead letters) are deleted in one \
                transaction. To keep its undelivered changes, use `endpoint disable` instead, or `endpoint update` \
                to point it elsewhere.
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The endpoint's id.") var id: Int64

        func run() throws {
            let undelivered = try global.openRegister().removeEndpoint(id, by: .shell)
            let note = undelivered == 0 ? "" : "; \(undelivered) undelivered change\(undelivered == 1 ? "" : "s") (pending or dead) will not be sent"
            print("Removed endpoint \(id)\(note).")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause an endpoint: nothing is delivered to it or queued for it until it is enabled again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The endpoint's id.") var id: Int64

        func run() throws {
            try global.openRegister().setEndpoint(id, enabled: false, by: .shell)
            print("Disabled endpoint \(id).")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume a disabled or paused endpoint, queueing the public changes it missed while disabled.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The endpoint's id.") var id: Int64

        func run() throws {
            try global.openRegister().setEndpoint(id, enabled: true, by: .shell)
            print("Enabled endpoint \(id).")
        }
    }
}

extension EndpointKind: ExpressibleByArgument {}
