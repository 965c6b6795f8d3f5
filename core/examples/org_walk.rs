//! Walks an organization and prints plain-text tables: its projects; their members, service
//! accounts and API keys (with last use); the stale keys; and last week's costs by project.
//! The Python and Node walks print the same tables in the same layout.
//!
//! ```sh
//! OPENAI_ADMIN_KEY=sk-admin-... cargo run -p openai-admin --features client --example org_walk
//! ```
//!
//! `OPENAI_BASE_URL` points it somewhere else, e.g. at the sandbox `scripts/demo` starts.

use std::collections::BTreeMap;
use std::fmt;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use futures_util::StreamExt;
use openai_admin::client::Client;
use openai_admin::de::WireEnum;
use openai_admin::models::{ProjectApiKey, UsageTimeBucketResultsItem};
use openai_admin::{Error, Paginated, ops};

/// Caps, so that a list whose cursor never moves on cannot run forever.
const MAX_PROJECTS: usize = 50;
const MAX_PER_PROJECT: usize = 200;
const MAX_COST_PAGES: usize = 10;
const DAY: i64 = 24 * 60 * 60;
/// A key not used for this many days (counting from its creation when never used) is stale.
const STALE_DAYS: i64 = 90;

/// An error together with what we were doing when it happened.
struct Failure(String, Error);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: {}", self.0, self.1)?;
        match self.1.api() {
            Some(api) => write!(f, "\n  response body: {}", api.body),
            None => Ok(()),
        }
    }
}

fn ctx(what: impl Into<String>) -> impl FnOnce(Error) -> Failure {
    let what = what.into();
    move |e| Failure(what, e)
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("org_walk: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Failure> {
    let client = Client::from_env().map_err(ctx("reading the configuration"))?;
    println!("Organization at {}\n", client.config().base_url);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);

    let list = ops::ProjectsList {
        limit: Some(100),
        include_archived: Some(true),
        after: None,
    };
    let projects = collect(&client, list, MAX_PROJECTS, "listing projects").await?;
    let names: BTreeMap<String, String> = projects
        .iter()
        .map(|p| (p.id.clone(), p.name.clone().unwrap_or_else(|| p.id.clone())))
        .collect();
    let rows = projects.iter().map(|p| {
        vec![
            opt(&p.name),
            p.id.clone(),
            opt(&p.status),
            date(p.created_at),
        ]
    });
    let title = format!("Projects ({})", projects.len());
    print_table(&title, &["NAME", "ID", "STATUS", "CREATED"], rows.collect());

    let (mut members, mut accounts, mut keys, mut stale) = (vec![], vec![], vec![], vec![]);
    for p in &projects {
        let (id, limit) = (p.id.clone(), Some(100));
        let what = |kind: &str| format!("listing the {kind} of project {}", p.id);
        let name = &names[&p.id];
        let users = ops::ProjectsUsersList {
            project_id: id.clone(),
            limit,
            ..Default::default()
        };
        for u in collect(&client, users, MAX_PER_PROJECT, what("users")).await? {
            members.push(vec![
                name.clone(),
                opt(&u.name),
                opt(&u.email),
                u.role,
                date(u.added_at),
            ]);
        }
        let sas = ops::ProjectsServiceAccountsList {
            project_id: id.clone(),
            limit,
            after: None,
        };
        for sa in collect(&client, sas, MAX_PER_PROJECT, what("service accounts")).await? {
            let role = sa.role.as_str().to_owned();
            accounts.push(vec![name.clone(), sa.name, role, date(sa.created_at)]);
        }
        let list = ops::ProjectsApiKeysList {
            project_id: id,
            limit,
            ..Default::default()
        };
        for k in collect(&client, list, MAX_PER_PROJECT, what("API keys")).await? {
            let last = k.last_used_at.map_or_else(|| "never".to_owned(), date);
            let row = vec![name.clone(), k.name.clone(), key_owner(&k), last];
            if now - k.last_used_at.unwrap_or(k.created_at) > STALE_DAYS * DAY {
                stale.push(row.clone());
            }
            keys.push([row, vec![date(k.created_at)]].concat());
        }
    }
    let head = ["PROJECT", "NAME", "EMAIL", "ROLE", "ADDED"];
    print_table(&format!("Members ({})", members.len()), &head, members);
    let head = ["PROJECT", "NAME", "ROLE", "CREATED"];
    print_table(
        &format!("Service accounts ({})", accounts.len()),
        &head,
        accounts,
    );
    let head = ["PROJECT", "NAME", "OWNER", "LAST USED", "CREATED"];
    print_table(&format!("API keys ({})", keys.len()), &head, keys);
    let title = format!(
        "Stale API keys: no use for {STALE_DAYS}+ days ({})",
        stale.len()
    );
    print_table(&title, &["PROJECT", "NAME", "OWNER", "LAST USED"], stale);

    costs(&client, now, &names).await
}

/// Last week's costs, in daily buckets grouped by project, summed per project and currency.
async fn costs(client: &Client, now: i64, names: &BTreeMap<String, String>) -> Result<(), Failure> {
    // From midnight (UTC) seven days ago, so that every walk asks for the same buckets.
    let start_time = now - now.rem_euclid(DAY) - 7 * DAY;
    let group_by = Some(vec![ops::UsageCostsGroupByItem::ProjectId]);
    let op = ops::UsageCosts {
        start_time,
        bucket_width: Some("1d".into()),
        group_by,
        limit: Some(7),
        ..Default::default()
    };
    let mut totals: BTreeMap<(String, String), f64> = BTreeMap::new();
    let mut pages = client.pages(op).take(MAX_COST_PAGES);
    while let Some(page) = pages.next().await {
        let page = page.map_err(ctx("fetching costs"))?;
        for result in page.data.into_iter().flat_map(|bucket| bucket.results) {
            let UsageTimeBucketResultsItem::CostsResult(c) = result else {
                continue;
            };
            let amount = c.amount.unwrap_or_default();
            let project = opt(&c.project_id);
            let project = names.get(&project).cloned().unwrap_or(project);
            let key = (project, opt(&amount.currency));
            *totals.entry(key).or_default() += amount.value.unwrap_or(0.0);
        }
    }
    let total: f64 = totals.values().sum();
    let mut rows: Vec<Vec<String>> = totals
        .into_iter()
        .map(|((project, currency), sum)| vec![project, format!("{sum:.2}"), currency])
        .collect();
    rows.push(vec!["TOTAL".into(), format!("{total:.2}"), String::new()]);
    let title = format!("Costs since {} by project", date(start_time));
    print_table(&title, &["PROJECT", "AMOUNT", "CURRENCY"], rows);
    Ok(())
}

/// Every item of a list, across pages, stopping after `cap` items; `what` names the list.
async fn collect<O: Paginated>(
    client: &Client,
    op: O,
    cap: usize,
    what: impl Into<String>,
) -> Result<Vec<O::Item>, Failure> {
    let mut out = Vec::new();
    let mut items = client.items(op).take(cap);
    while let Some(item) = items.next().await {
        match item {
            Ok(item) => out.push(item),
            Err(e) => return Err(Failure(what.into(), e)),
        }
    }
    Ok(out)
}

fn key_owner(k: &ProjectApiKey) -> String {
    let nonempty = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_owned()
        } else {
            a.to_owned()
        }
    };
    match (&k.owner.user, &k.owner.service_account, &k.owner.r#type) {
        (Some(u), _, _) => nonempty(&u.email, &u.id),
        (_, Some(sa), _) => format!("{} (service account)", nonempty(&sa.name, &sa.id)),
        (_, _, Some(t)) => t.as_str().to_owned(),
        _ => "-".to_owned(),
    }
}

/// An optional text, or "-" when it is missing or empty.
fn opt(v: &Option<String>) -> String {
    v.as_deref()
        .filter(|s| !s.is_empty())
        .unwrap_or("-")
        .to_owned()
}

/// A Unix time as `YYYY-MM-DD` (UTC), by Howard Hinnant's days-to-civil algorithm.
fn date(unix: i64) -> String {
    let z = unix.div_euclid(DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Prints a titled table with each column as wide as its widest cell.
fn print_table(title: &str, head: &[&str], rows: Vec<Vec<String>>) {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    println!("{title}");
    for row in [head, rule].iter().chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("  {}", cells.join("  ").trim_end());
    }
    if rows.is_empty() {
        println!("  (none)");
    }
    println!();
}
