import Publishing
import RegisterCore

/// A registrar's page of one kind of record: the list with a link to edit each and
/// the form to add one, or (`editing`) one record's form. After an error the form
/// shows what was typed, each error beside its input and all in the summary at the top.
struct RecordPagesView: PageView {
    static let template = "registrar-records"

    struct Row: Sendable {
        let name: String
        let href: String
        let editText: String
    }

    let title: String
    let heading: String
    let notice: String?
    let rows: [Row]
    let hasRows: Bool
    let showList: Bool
    let formHeading: String
    let action: String
    let csrfField = CSRFMiddleware.field
    let csrf: String
    let fields: [RecordFormField]
    let summary: FormErrors
    let button: String
    let backHref: String?
    let backText: String

    init(records: any RegistrarRecords, list: [(id: Int64, record: JSONValue)], editing: Int64?, fields: [RecordFormField],
         otherErrors: [String], notice: String?, csrf: String, context: PageContext) {
        heading = context[records.titleKey]
        showList = editing == nil
        let name = editing.flatMap { id in list.first { $0.id == id }.map { records.name(of: $0.record) } } ?? ""
        rows = list.map { entry in
            let name = records.name(of: entry.record)
            return Row(name: name, href: records.entry(entry.id).path, editText: context.strings.format("registrarEditNamed", name))
        }
        hasRows = !rows.isEmpty
        formHeading = editing == nil ? context[records.addKey] : context.strings.format("registrarEditing", name)
        action = editing.map { records.entry($0).path } ?? records.list.path
        self.csrf = csrf
        self.fields = fields
        let target = fields.first?.id ?? ""
        summary = FormErrors(otherErrors.map { FormError(target: target, message: $0) } + fields.compactMap(\.summaryError))
        title = summary.title(editing == nil ? heading : formHeading, strings: context.strings)
        self.notice = notice
        button = context[editing == nil ? "registrarAddButton" : "registrarSaveButton"]
        backHref = editing == nil ? nil : records.list.path
        backText = context.strings.format("registrarBackTo", heading)
    }
}
