//! Responses carrying what this version does not know (new fields, enum values, union
//! variants) still parse, and keep what they carried.
#![allow(clippy::unwrap_used, missing_docs)] // tests and benches may panic

use http::{HeaderMap, StatusCode};
use openai_admin::models::{
    Invite, InviteRole, InviteStatus, UsageResponse, UsageTimeBucketResultsItem, User,
    UserListResponse,
};
use openai_admin::ops::{UsageCompletions, UsersList};
use openai_admin::{Error, Operation};
use serde_json::json;

fn parse<O: Operation>(body: serde_json::Value) -> Result<O::Output, Error> {
    O::parse(
        StatusCode::OK,
        &HeaderMap::new(),
        body.to_string().as_bytes(),
    )
}

fn user(extra: serde_json::Value) -> serde_json::Value {
    let mut u = json!({
        "object": "organization.user", "id": "user_1", "name": "Ada", "email": "ada@example.com",
        "role": "owner", "added_at": 1_700_000_000
    });
    u.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    u
}

#[test]
fn unknown_fields_are_kept_and_written_back() {
    let page = json!({
        "object": "list", "data": [user(json!({"shiny_new": {"a": [1, 2]}}))],
        "first_id": "user_1", "last_id": "user_1", "has_more": false, "next_top": true
    });
    let out: UserListResponse = parse::<UsersList>(page).unwrap();
    assert_eq!(out.extra["next_top"], json!(true));
    assert_eq!(out.data[0].extra["shiny_new"], json!({"a": [1, 2]}));
    let back = serde_json::to_value(&out.data[0]).unwrap();
    assert_eq!(back["shiny_new"], json!({"a": [1, 2]}));
    assert_eq!(back["email"], json!("ada@example.com"));
}

#[test]
fn unknown_enum_values_are_kept() {
    let invite = json!({
        "object": "organization.invite", "id": "invite_1", "email": "a@example.com",
        "role": "galactic_admin", "status": "pending", "created_at": 1, "projects": []
    });
    let i: Invite = serde_json::from_value(invite).unwrap();
    assert_eq!(i.role, InviteRole::Unknown("galactic_admin".to_owned()));
    assert_eq!(i.status, InviteStatus::Pending);
    assert_eq!(
        serde_json::to_value(&i).unwrap()["role"],
        json!("galactic_admin")
    );
    let known: InviteRole = serde_json::from_value(json!("owner")).unwrap();
    assert_eq!(known, InviteRole::Owner);
}

fn usage_page(results: serde_json::Value) -> serde_json::Value {
    json!({
        "object": "page", "has_more": false, "next_page": null,
        "data": [{"object": "bucket", "start_time": 1, "end_time": 2, "results": results}]
    })
}

#[test]
fn unknown_union_variants_are_kept_raw() {
    let novel = json!({"object": "organization.usage.teleportation.result", "num_jumps": 3});
    let out: UsageResponse = parse::<UsageCompletions>(usage_page(json!([novel.clone()]))).unwrap();
    match &out.data[0].results[0] {
        UsageTimeBucketResultsItem::Unknown(raw) => assert_eq!(raw, &novel),
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(
        serde_json::to_value(&out).unwrap()["data"][0]["results"][0],
        novel
    );
}

#[test]
fn union_tag_anywhere_in_the_object() {
    let r = json!({
        "input_tokens": 5, "output_tokens": 7, "num_model_requests": 1, "project_id": "proj_1",
        "brand_new": "kept", "object": "organization.usage.completions.result"
    });
    let out: UsageResponse = parse::<UsageCompletions>(usage_page(json!([r]))).unwrap();
    match &out.data[0].results[0] {
        UsageTimeBucketResultsItem::UsageCompletionsResult(c) => {
            assert_eq!(c.input_tokens, 5);
            assert_eq!(c.project_id.as_deref(), Some("proj_1"));
            assert_eq!(c.extra["brand_new"], json!("kept"));
        }
        other => panic!("expected completions, got {other:?}"),
    }
}

#[test]
fn union_without_tag_is_unknown() {
    let out: UsageResponse = parse::<UsageCompletions>(usage_page(json!([{"x": 1}]))).unwrap();
    assert!(
        matches!(&out.data[0].results[0], UsageTimeBucketResultsItem::Unknown(v) if v["x"] == 1)
    );
}

#[test]
fn union_tag_with_escapes_is_read() {
    // `\u002e` is `.`: the tag cannot be borrowed from the input and is unescaped first.
    let body = br#"{"object": "page", "has_more": false, "next_page": null, "data": [
        {"object": "bucket", "start_time": 1, "end_time": 2, "results": [
            {"input_tokens": 1, "output_tokens": 2, "num_model_requests": 3,
             "object": "organization.usage.completions\u002eresult"}]}]}"#;
    let out = UsageCompletions::parse(StatusCode::OK, &HeaderMap::new(), body).unwrap();
    assert!(matches!(
        &out.data[0].results[0],
        UsageTimeBucketResultsItem::UsageCompletionsResult(c) if c.output_tokens == 2
    ));
}

#[test]
fn union_tag_that_is_not_a_string_is_kept_raw() {
    for tag in [
        json!(5),
        json!(null),
        json!(["a"]),
        json!({"a": 1}),
        json!(true),
    ] {
        let r = json!({"input_tokens": 1, "object": tag});
        let out: UsageResponse = parse::<UsageCompletions>(usage_page(json!([r.clone()]))).unwrap();
        match &out.data[0].results[0] {
            UsageTimeBucketResultsItem::Unknown(raw) => assert_eq!(raw, &r),
            other => panic!("expected Unknown for tag {tag}, got {other:?}"),
        }
    }
}

#[test]
fn nulls_where_allowed() {
    let u: User = serde_json::from_value(user(json!({"name": null, "email": null}))).unwrap();
    assert_eq!(u.name, None);
    assert_eq!(u.email, None);
    assert_eq!(u.id, "user_1");
}
