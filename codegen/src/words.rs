//! The words of generated docs: the sentence that says what an operation does.

/// What an operation does, in one sentence: `verb` is the SDK method's last part and
/// `resources` the parts before it (`["admin", "organization", "projects", "users"]`).
pub fn doc_sentence(verb: &str, resources: &[String]) -> String {
    let resource = resources
        .last()
        .map(|m| m.replace('_', " "))
        .unwrap_or_default();
    match verb {
        "list" => format!("Lists {resource}."),
        "retrieve" => format!("Fetches one of {resource}."),
        "create" => format!("Creates one of {resource}."),
        "update" => format!("Changes one of {resource}."),
        "delete" => format!("Removes one of {resource}."),
        other => format!("Runs `{other}` on {resource}."),
    }
}
