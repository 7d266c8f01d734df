import Publishing

/// The query `sqlite3 -json` runs as the benchmark's baseline: the same meetings with
/// the same data as the public JSON export's `meetings` array — every column of the
/// `meeting` table, the uri and url the export derives from the id, and the join
/// tables (participants, counterparts with their people, issues, documents)
/// aggregated per meeting into JSON arrays, in id order. `sqlite3` writes those
/// arrays and the stored `withheld` object as JSON strings, which is no less work.
enum SQLiteJSONBaseline {
    static func query(_ publication: Publication) -> String {
        let uri = literal(publication.tag("meeting", ""))
        let url = literal(String(publication.meetingPage(0).dropLast()))
        return """
            SELECT m.id, \(uri) || m.id AS uri, \(url) || m.id AS url, m.status, m.version,
              m.starts_at AS startsAt, m.duration_minutes AS durationMinutes, m.place, m.format, m.direction, m.initiator,
              CASE WHEN m.participants_disclosed THEN
                (SELECT json_group_array(p.official_id) FROM meeting_participant p WHERE p.meeting_id = m.id) END AS participants,
              CASE WHEN m.counterparts_disclosed THEN
                (SELECT json_group_array(json_object(
                   'organisation', c.organisation_id, 'onBehalfOf', c.on_behalf_of_id,
                   'people', json((SELECT json_group_array(json_object(
                       'name', pe.name, 'role', pe.role, 'private', json(CASE WHEN pe.private THEN 'true' ELSE 'false' END)))
                     FROM meeting_person pe WHERE pe.meeting_id = c.meeting_id AND pe.counterpart_position = c.position))))
                 FROM meeting_counterpart c WHERE c.meeting_id = m.id) END AS counterparts,
              CASE WHEN m.issues_disclosed THEN
                (SELECT json_group_array(i.issue_id) FROM meeting_issue i WHERE i.meeting_id = m.id) END AS issues,
              m.subject, m.summary,
              CASE WHEN m.documents_disclosed THEN
                (SELECT json_group_array(json_object('title', d.title, 'direction', d.direction, 'url', d.url))
                 FROM meeting_document d WHERE d.meeting_id = m.id) END AS documents,
              m.withheld, m.recorded_at AS recordedAt, m.published_at AS publishedAt, m.updated_at AS updatedAt,
              m.correction_reason AS correctionReason, m.withdrawn_at AS withdrawnAt, m.withdrawal_reason AS withdrawalReason
            FROM meeting m ORDER BY m.id;
            """
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
