//! `spec/sdk-methods.tsv` held to the spec: one row per operation, whose method, path,
//! `operationId`, SDK names, pagination and page style must be the spec's. (The `file`
//! column, which part of the sources a row came from, is not in the spec and is not
//! compared.)

use std::collections::BTreeMap;

use crate::spec::Spec;

/// The columns compared, in the table's header names.
const COLUMNS: [&str; 7] = [
    "http_method",
    "path",
    "operationId",
    "python_sdk_method",
    "pagination",
    "page_style",
    "js_sdk_method",
];

/// Every difference between the table `tsv` and `spec`, one line each; empty when they agree.
pub fn differences(spec: &Spec, tsv: &str) -> Vec<String> {
    let mut want: BTreeMap<String, [String; 7]> = BTreeMap::new();
    for (path, item) in &spec.paths {
        for (method, op) in item.operations() {
            let row = [
                method.to_owned(),
                path.clone(),
                op.operation_id.clone(),
                op.sdk_method.clone(),
                op.pagination.clone(),
                op.page_style.clone(),
                op.sdk_method_js.clone(),
            ];
            want.insert(op.operation_id.clone(), row);
        }
    }
    let mut out = Vec::new();
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let mut index = [0; 7];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        match header.iter().position(|h| *h == name) {
            Some(i) => *slot = i,
            None => out.push(format!("no `{name}` column")),
        }
    }
    if !out.is_empty() {
        return out;
    }
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        let got = index.map(|i| cells.get(i).copied().unwrap_or_default());
        let Some(row) = want.remove(got[2]) else {
            out.push(format!("line {}: {} is not in the spec", n + 2, got[2]));
            continue;
        };
        for ((name, g), w) in COLUMNS.iter().zip(got).zip(&row) {
            if g != w {
                out.push(format!("{}: {name} is {g:?}, the spec says {w:?}", got[2]));
            }
        }
    }
    out.extend(
        want.keys()
            .map(|id| format!("{id}: in the spec, not in the table")),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"
paths:
  /organization/users:
    get:
      operationId: list-users
      responses: {}
      x-sdk-method: admin.organization.users.list
      x-sdk-method-js: admin.organization.users.list
      x-pagination: cursor
      x-page-style: after_last_id
      x-sdk-types: {"python": {"module": "openai.types.admin.organization"}, "js": {"module": "resources/admin/organization/users/users"}}
"#;

    const HEADER: &str = "http_method\tpath\toperationId\tpython_sdk_method\tpagination\tfile\tpage_style\tjs_sdk_method\n";

    #[test]
    fn agrees_and_disagrees() {
        let spec = Spec::parse(SPEC).unwrap_or_else(|e| panic!("{e}"));
        let row = "GET\t/organization/users\tlist-users\tadmin.organization.users.list\tcursor\tpublic\tafter_last_id\tadmin.organization.users.list\n";
        assert_eq!(
            differences(&spec, &format!("{HEADER}{row}")),
            Vec::<String>::new()
        );
        let wrong = row.replace("after_last_id", "after_item_id");
        assert_eq!(
            differences(&spec, &format!("{HEADER}{wrong}")),
            ["list-users: page_style is \"after_item_id\", the spec says \"after_last_id\""]
        );
        assert_eq!(
            differences(&spec, HEADER),
            ["list-users: in the spec, not in the table"]
        );
    }
}
