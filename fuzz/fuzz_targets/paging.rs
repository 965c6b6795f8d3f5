//! Page facts and walks: input = page-style byte, page-cap byte, then page bodies split by
//! 0xFF (never in UTF-8). `PageFacts::read` must agree with a full JSON parse where that
//! succeeds, and a `Walk` never hands out a cursor twice and stops at its cap.
#![no_main]

use std::collections::HashSet;

use libfuzzer_sys::fuzz_target;
use openai_admin::host::{NextPage, PageFacts, Walk};
use openai_admin_fuzz::STYLES;
use serde_json::Value;

fuzz_target!(init: openai_admin_fuzz::seeds::write(openai_admin_fuzz::seeds::paging), |data: &[u8]| {
    let [style, cap, rest @ ..] = data else { return };
    let style = STYLES[*style as usize % STYLES.len()];
    let cap = u64::from(*cap % 8);
    let mut walk = Walk::new(style, None, cap);
    let mut handed_out = HashSet::new();
    for body in rest.split(|b| *b == 0xFF) {
        let Ok(facts) = PageFacts::read(style, body) else {
            continue;
        };
        // Where a full parse succeeds, it finds the same facts. (The fast reader skips
        // values without checking them all: a number out of range in a skipped field
        // passes it, and such a page then fails its typed decode.)
        if let Ok(full) = serde_json::from_slice::<Value>(body) {
            assert!(full.is_object());
            assert_eq!(facts.has_more, full.get("has_more").and_then(Value::as_bool));
            if let Some(field) = style.cursor_field() {
                let want = match full.get(field) {
                    Some(Value::String(s)) => Some(s.clone()),
                    Some(Value::Number(n)) => Some(n.to_string()),
                    _ => None,
                };
                assert_eq!(facts.cursor, want);
            }
        }
        match walk.next(&facts) {
            NextPage::Cursor { value, .. } => {
                assert!(!value.is_empty());
                assert!(handed_out.insert(value.clone()), "cursor {value:?} handed out twice");
                assert_eq!(walk.resume_cursor(), Some(value.as_str()));
                assert!(cap == 0 || walk.pages() < cap, "walked past the cap");
            }
            NextPage::End { .. } => return,
        }
    }
});
