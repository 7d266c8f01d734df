import RegisterCore

/// The bodies of the write routes that are not a register record as it is: each
/// names its members, so an unknown or misspelt one is refused with its pointer.
struct CorrectionInput: InputShaped {
    var reason: String
    var version: Int64?
    var meeting: Meeting

    static var inputShape: InputShape {
        .object(members: [("reason", .scalar("text")), ("version", .whole("a version (a whole number)")), ("meeting", Meeting.inputShape)],
                ignored: [])
    }
}

struct ReasonInput: InputShaped {
    var reason: String

    static var inputShape: InputShape { .object(members: [("reason", .scalar("text"))], ignored: []) }
}

/// The registrar's return of a reviewed draft: the comment the recorder sees, and the version reviewed.
struct ReviewCommentInput: InputShaped {
    var comment: String
    var version: Int64?

    static var inputShape: InputShape {
        .object(members: [("comment", .scalar("text")), ("version", .whole("a version (a whole number)"))], ignored: [])
    }
}

struct RedactionInput: InputShaped {
    var field: String
    var ground: String
    var reason: String

    static var inputShape: InputShape {
        .object(members: [("field", .scalar("text")), ("ground", .scalar("text")), ("reason", .scalar("text"))], ignored: [])
    }
}

struct EndpointInput: InputShaped {
    var url: String
    var kind: EndpointKind
    var secret: String?
    var token: String?
    var resourceId: String?
    var fromStart: Bool?

    static var inputShape: InputShape {
        .object(members: [("url", .scalar("text")), ("kind", .scalar("webhook or ckan")), ("secret", .scalar("text")),
                          ("token", .scalar("text")), ("resourceId", .scalar("text")), ("fromStart", .scalar("true or false"))],
                ignored: ["id"])
    }
}

struct EndpointPatchInput: InputShaped {
    var url: String?
    var secret: String?
    var token: String?
    var resourceId: String?
    var enabled: Bool?

    static var inputShape: InputShape {
        .object(members: [("url", .scalar("text")), ("secret", .scalar("text")), ("token", .scalar("text")),
                          ("resourceId", .scalar("text")), ("enabled", .scalar("true or false"))], ignored: ["id"])
    }
}
