//! Determinism, shape and spec conformance of the generated payloads.
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn parse(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("valid JSON")
}

fn data(v: &Value) -> &Vec<Value> {
    v["data"].as_array().expect("data array")
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    type Gen = fn(u64) -> Vec<u8>;
    let gens: [(&str, Gen); 5] = [
        ("audit_logs", |s| payloads::audit_logs(s, 200)),
        ("usage_completions", |s| {
            payloads::usage_completions(s, 3, 20)
        }),
        ("costs", |s| payloads::costs(s, 3, 20)),
        ("users", |s| payloads::users(s, 50, true)),
        ("users_pages", |s| payloads::users_pages(s, 25, 10).concat()),
    ];
    for (name, generate) in gens {
        assert_eq!(generate(7), generate(7), "{name}: same seed");
        assert_ne!(generate(7), generate(8), "{name}: different seed");
    }
}

#[test]
fn audit_logs_mix_event_types() {
    let v = parse(&payloads::audit_logs(42, 2_000));
    assert_eq!(v["object"], "list");
    assert_eq!(v["has_more"], false);
    let entries = data(&v);
    assert_eq!(entries.len(), 2_000);
    assert_eq!(v["first_id"], entries[0]["id"]);
    assert_eq!(v["last_id"], entries[1_999]["id"]);
    let known: HashSet<_> = payloads::audit_log_event_types().into_iter().collect();
    let mut seen = HashSet::new();
    for pair in entries.windows(2) {
        assert!(
            pair[0]["effective_at"].as_i64() >= pair[1]["effective_at"].as_i64(),
            "newest first"
        );
    }
    for e in entries {
        let kind = e["type"].as_str().unwrap();
        assert!(known.contains(kind), "{kind}");
        assert!(e[kind].is_object(), "{kind} detail object");
        assert!(e["actor"]["type"] == "session" || e["actor"]["type"] == "api_key");
        seen.insert(kind);
    }
    assert!(seen.len() >= 30, "only {} event types", seen.len());
    assert!(known.len() >= 15);
    assert!(data(&parse(&payloads::audit_logs(1, 0))).is_empty());
}

#[test]
fn usage_completions_buckets_and_token_sums() {
    let v = parse(&payloads::usage_completions(42, 4, 300));
    assert_eq!(v["object"], "page");
    assert_eq!(v["has_more"], false);
    assert!(v["next_page"].is_null());
    let buckets = data(&v);
    assert_eq!(buckets.len(), 4);
    for (b, w) in buckets.iter().zip(buckets.iter().skip(1)) {
        assert_eq!(b["end_time"], w["start_time"]);
    }
    for bucket in buckets {
        assert_eq!(bucket["object"], "bucket");
        let results = bucket["results"].as_array().unwrap();
        assert_eq!(results.len(), 300);
        let mut groups = HashSet::new();
        for r in results {
            assert_eq!(r["object"], "organization.usage.completions.result");
            let n = |k: &str| r[k].as_i64().unwrap_or_else(|| panic!("{k}"));
            assert_eq!(
                n("input_tokens"),
                n("input_cached_tokens") + n("input_uncached_tokens")
            );
            assert_eq!(
                n("input_tokens"),
                n("input_text_tokens") + n("input_audio_tokens") + n("input_image_tokens")
            );
            assert_eq!(
                n("output_tokens"),
                n("output_text_tokens") + n("output_audio_tokens") + n("output_image_tokens")
            );
            assert!(n("num_model_requests") > 0);
            assert!(r["user_id"].is_null() && r["batch"].is_null());
            let group = (
                r["project_id"].as_str(),
                r["model"].as_str(),
                r["api_key_id"].as_str(),
            );
            assert!(group.0.is_some() && group.1.is_some() && group.2.is_some());
            assert!(groups.insert(group), "duplicate group {group:?}");
        }
    }
}

#[test]
fn costs_buckets() {
    let v = parse(&payloads::costs(42, 31, 10));
    assert_eq!(v["object"], "page");
    let buckets = data(&v);
    assert_eq!(buckets.len(), 31);
    for bucket in buckets {
        let results = bucket["results"].as_array().unwrap();
        assert_eq!(results.len(), 10);
        for r in results {
            assert_eq!(r["object"], "organization.costs.result");
            assert!(r["amount"]["value"].as_f64().unwrap() >= 0.0);
            assert_eq!(r["amount"]["currency"], "usd");
            assert!(r["line_item"].is_string() && r["project_id"].is_string());
        }
    }
}

#[test]
fn users_list() {
    let v = parse(&payloads::users(42, 300, true));
    assert_eq!(v["object"], "list");
    assert_eq!(v["has_more"], true);
    let users = data(&v);
    assert_eq!(users.len(), 300);
    assert_eq!(v["first_id"], users[0]["id"]);
    assert_eq!(v["last_id"], users[299]["id"]);
    let ids: HashSet<_> = users.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 300, "unique ids");
    for u in users {
        assert_eq!(u["object"], "organization.user");
        assert_eq!(u["user"]["id"], u["id"]);
        assert_eq!(u["projects"]["object"], "list");
    }
    let empty = parse(&payloads::users(42, 0, false));
    assert!(empty["first_id"].is_null() && empty["last_id"].is_null());
}

#[test]
fn users_pages_chain() {
    let pages: Vec<Value> = payloads::users_pages(9, 95, 20)
        .iter()
        .map(|p| parse(p))
        .collect();
    assert_eq!(pages.len(), 5);
    let mut all = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        let last = k == pages.len() - 1;
        assert_eq!(page["has_more"], !last);
        assert_eq!(data(page).len(), if last { 15 } else { 20 });
        assert_eq!(page["last_id"], data(page).last().unwrap()["id"]);
        all.extend(data(page).iter().cloned());
    }
    // Read as one sequence, the pages are exactly the single-page listing.
    assert_eq!(all, *data(&parse(&payloads::users(9, 95, false))));
    assert_eq!(payloads::users_pages(9, 40, 20).len(), 2);
    let none = payloads::users_pages(9, 0, 20);
    assert_eq!(none.len(), 1);
    assert_eq!(parse(&none[0])["has_more"], false);
}

/// Runs `check_schema.py` on freshly generated files. Skipped (with a note)
/// when python3 with PyYAML is not available.
#[test]
fn payloads_match_the_spec() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let has_yaml = Command::new("python3").args(["-c", "import yaml"]).status();
    if !has_yaml.is_ok_and(|s| s.success()) {
        eprintln!("skipping: python3 with PyYAML not found");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("payloads-schema-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        ("audit_logs.json", payloads::audit_logs(42, 3_000)),
        (
            "usage_completions.json",
            payloads::usage_completions(42, 3, 100),
        ),
        ("costs.json", payloads::costs(42, 3, 100)),
        ("users.json", payloads::users(42, 200, true)),
        (
            "users_page_last.json",
            payloads::users_pages(42, 30, 20).pop().unwrap(),
        ),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let out = Command::new("python3")
        .arg(crate_dir.join("check_schema.py"))
        .arg(&dir)
        .output()
        .expect("run check_schema.py");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(report.matches("OK ").count(), files.len(), "{report}");
}

/// The seeded organization is pinned: these values change only when its generator does (and
/// then the sandbox's organization changes with it).
#[test]
fn seeded_org_is_pinned() {
    use payloads::org::{OrgSizes, SeededOrg};
    let org = SeededOrg::new(1, 1_800_000_000, &OrgSizes::default());
    let first = &org.people[0];
    let project = &org.projects[1];
    let key = &project.api_keys[0];
    let got = format!(
        "{} <{}> {} {} | {} {} {} | {} {:?} {}",
        first.name,
        first.email,
        first.id,
        first.added_at,
        project.id,
        project.name,
        project.created_at,
        key.name,
        key.last_used_at,
        key.created_at,
    );
    assert_eq!(got, PINNED);
    assert_eq!(org, SeededOrg::new(1, 1_800_000_000, &OrgSizes::default()));
    assert_ne!(org, SeededOrg::new(2, 1_800_000_000, &OrgSizes::default()));
}

const PINNED: &str = "Maya Kim <maya.kim@corp.example.net> user-kXNzR4secsJC2KrBd6jz 1740896288 | \
    proj_xe0xtUZjU1CH9QOsqgel Support Assistant 1775805221 | \
    staging-gpt-4.1 Some(1799122314) 1784338133";
