//! The words of generated docs: the sentence that says what an operation does, shared by
//! every emitter ("Lists the users of a project.", "Deletes a federation rule of a workload
//! identity provider.").

/// Resource names whose singular is not the name less its `s`, or that read better spelled
/// out (`API`).
const SINGULAR: &[(&str, &str)] = &[
    ("admin_api_keys", "admin API key"),
    ("api_keys", "API key"),
    ("data_retention", "data retention settings"),
    ("external_storage", "external storage configuration"),
    ("hosted_tool_permissions", "hosted tool permissions"),
    ("model_permissions", "model permissions"),
    ("service_tier_settings", "service tier settings"),
    ("usage", "usage"),
];

/// Resources that are one thing per parent, not a collection: "the spend limit of a project".
const SINGLETONS: &[&str] = &[
    "data_retention",
    "hosted_tool_permissions",
    "model_permissions",
    "service_tier_settings",
    "spend_limit",
    "usage",
];

/// `users` → "user", `api_keys` → "API key".
pub fn singular(resource: &str) -> String {
    if let Some((_, s)) = SINGULAR.iter().find(|(r, _)| *r == resource) {
        return (*s).to_owned();
    }
    let words = resource.replace('_', " ");
    match words.strip_suffix('s') {
        Some(stem) if !SINGLETONS.contains(&resource) => stem.to_owned(),
        _ => words,
    }
}

/// `users` → "users", `api_keys` → "API keys".
pub fn plural(resource: &str) -> String {
    let one = singular(resource);
    if SINGLETONS.contains(&resource) || one.ends_with('s') {
        one
    } else {
        format!("{one}s")
    }
}

/// "a" or "an", then `noun`.
pub fn with_article(noun: &str) -> String {
    let vowel = noun.starts_with(['a', 'e', 'i', 'o', 'A', 'E', 'I', 'O'])
        || (noun.starts_with('u') && !noun.starts_with("us"));
    if vowel {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

/// Words spelled in capitals inside type names.
const ACRONYMS: &[(&str, &str)] = &[
    ("api", "API"),
    ("aws", "AWS"),
    ("gcp", "GCP"),
    ("id", "ID"),
    ("ids", "IDs"),
    ("jwks", "JWKS"),
    ("kms", "KMS"),
    ("oci", "OCI"),
    ("oidc", "OIDC"),
    ("url", "URL"),
];

/// A type name as words: `AdminApiKeyOwner` → "admin API key owner".
pub fn noun(type_name: &str) -> String {
    let snake = heck::ToSnakeCase::to_snake_case(type_name);
    let words: Vec<&str> = snake
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            ACRONYMS
                .iter()
                .find(|(a, _)| *a == w)
                .map_or(w, |(_, b)| *b)
        })
        .collect();
    words.join(" ")
}

/// What a schema named `type_name` is, as a phrase: "an admin API key", "a page of
/// users" (`UserListResponse`), "the body that creates a project" (`ProjectCreateRequest`),
/// "the answer to deleting a user" (`UserDeleteResponse`).
pub fn type_phrase(type_name: &str) -> String {
    let noun = noun(type_name);
    let words: Vec<&str> = noun.split(' ').collect();
    let acts = |verb: &str| match verb {
        "create" => Some(("creates", "creating")),
        "update" => Some(("updates", "updating")),
        "modify" => Some(("changes", "changing")),
        "delete" => Some(("deletes", "deleting")),
        "upload" => Some(("uploads", "uploading")),
        _ => None,
    };
    let public = words.first() == Some(&"public");
    let words = if public { &words[1..] } else { &words[..] };
    match words {
        ["list", rest @ .., "response"] => format!("a page of {}", rest.join(" ")),
        [rest @ .., "list", "response"] | [rest @ .., "list"] if !rest.is_empty() => {
            format!("a page of {}s", rest.join(" "))
        }
        [rest @ .., "details"] if !rest.is_empty() => {
            format!("the details of {}", with_article(&rest.join(" ")))
        }
        [verb, rest @ .., "body" | "request"] | [rest @ .., verb, "body" | "request"]
            if !rest.is_empty() && acts(verb).is_some() =>
        {
            let (does, _) = acts(verb).unwrap_or_default();
            format!("the body that {does} {}", with_article(&rest.join(" ")))
        }
        [verb, rest @ .., "response"] | [rest @ .., verb, "response"]
            if !rest.is_empty() && acts(verb).is_some() =>
        {
            let (_, doing) = acts(verb).unwrap_or_default();
            format!("the answer to {doing} {}", with_article(&rest.join(" ")))
        }
        _ => with_article(&words.join(" ")),
    }
}

/// `phrase` as a sentence: capitalized, ending in a period.
pub fn sentence(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// What an operation does, in one sentence: `verb` is the SDK method's last part and
/// `resources` the parts before it (`["admin", "organization", "projects", "users"]`).
pub fn doc_sentence(verb: &str, resources: &[String]) -> String {
    let named: Vec<&str> = resources
        .iter()
        .map(String::as_str)
        .skip_while(|p| *p == "admin" || *p == "organization")
        .collect();
    let Some((&resource, parents)) = named.split_last() else {
        return format!("Runs `{verb}`.");
    };
    // "the organization", or "a project", "a project user", …
    let parent = if parents.is_empty() {
        "the organization".to_owned()
    } else {
        let words: Vec<String> = parents.iter().map(|p| singular(p)).collect();
        with_article(&words.join(" "))
    };
    let one = singular(resource);
    let the_one = if SINGLETONS.contains(&resource) {
        format!("the {one}")
    } else {
        with_article(&one)
    };
    let member = match (resource, parents.last()) {
        ("users" | "groups", Some(_)) => true,
        ("roles", Some(&p)) => p == "users" || p == "groups",
        _ => false,
    };
    match verb {
        "list" | "list_rate_limits" => format!("Lists the {} of {parent}.", plural(resource)),
        "retrieve" => format!("Fetches {the_one} of {parent}."),
        "create" if member => format!("Adds {the_one} to {parent}."),
        "create" if parents.is_empty() => format!("Creates {the_one}."),
        "create" => format!("Creates {the_one} in {parent}."),
        "update" | "update_rate_limit" => format!("Updates {the_one} of {parent}."),
        "delete" if member => format!("Removes {the_one} from {parent}."),
        "delete" => format!("Deletes {the_one} of {parent}."),
        "archive" => format!("Archives {the_one}."),
        "validate" => format!("Checks {the_one} before it is saved."),
        "activate" => format!("Activates {} for {parent}.", plural(resource)),
        "deactivate" => format!("Deactivates {} for {parent}.", plural(resource)),
        "costs" => format!("Fetches the costs of {parent}, in time buckets."),
        other if resource == "usage" => format!(
            "Fetches the usage of {} by {parent}, in time buckets.",
            other.replace('_', " ")
        ),
        other => format!("Runs `{other}` on {the_one} of {parent}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(sdk_method: &str) -> String {
        let mut parts: Vec<String> = sdk_method.split('.').map(str::to_owned).collect();
        let verb = parts.pop().unwrap_or_default();
        doc_sentence(&verb, &parts)
    }

    #[test]
    fn sentences_read_as_english() {
        let cases = [
            (
                "admin.organization.workload_identity_providers.federation_rules.delete",
                "Deletes a federation rule of a workload identity provider.",
            ),
            (
                "admin.organization.projects.users.list",
                "Lists the users of a project.",
            ),
            (
                "admin.organization.users.list",
                "Lists the users of the organization.",
            ),
            (
                "admin.organization.projects.users.create",
                "Adds a user to a project.",
            ),
            (
                "admin.organization.users.roles.delete",
                "Removes a role from a user.",
            ),
            (
                "admin.organization.admin_api_keys.retrieve",
                "Fetches an admin API key of the organization.",
            ),
            (
                "admin.organization.projects.spend_limit.retrieve",
                "Fetches the spend limit of a project.",
            ),
            ("admin.organization.projects.create", "Creates a project."),
            (
                "admin.organization.projects.service_accounts.api_keys.create",
                "Creates an API key in a project service account.",
            ),
            ("admin.organization.invites.create", "Creates an invite."),
            (
                "admin.organization.usage.completions",
                "Fetches the usage of completions by the organization, in time buckets.",
            ),
        ];
        for (method, want) in cases {
            assert_eq!(doc(method), want, "{method}");
        }
    }

    #[test]
    fn schema_names_as_phrases() {
        let cases = [
            ("AdminApiKey", "an admin API key"),
            ("UserListResponse", "a page of users"),
            ("ListAuditLogsResponse", "a page of audit logs"),
            ("ApiKeyList", "a page of API keys"),
            ("ProjectCreateRequest", "the body that creates a project"),
            ("CreateGroupBody", "the body that creates a group"),
            ("UserDeleteResponse", "the answer to deleting a user"),
            ("AssignedRoleDetails", "the details of an assigned role"),
            (
                "PublicCreateOrganizationRoleBody",
                "the body that creates an organization role",
            ),
        ];
        for (name, want) in cases {
            assert_eq!(type_phrase(name), want, "{name}");
        }
    }

    #[test]
    fn type_names_as_words() {
        assert_eq!(noun("AdminApiKeyOwner"), "admin API key owner");
        assert_eq!(
            sentence(&with_article(&noun("AdminApiKey"))),
            "An admin API key."
        );
    }

    #[test]
    fn singular_and_plural() {
        assert_eq!(singular("federation_rules"), "federation rule");
        assert_eq!(singular("spend_limit"), "spend limit");
        assert_eq!(plural("api_keys"), "API keys");
        assert_eq!(plural("data_retention"), "data retention settings");
        assert_eq!(with_article("user"), "a user");
        assert_eq!(with_article("invite"), "an invite");
    }
}
