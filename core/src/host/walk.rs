//! One walk over a list's pages, with the guards against cycles and endless walks.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::PageFacts;
use crate::pagination::PageStyle;

/// Why a walk over pages ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalkEnd {
    /// The page said there is no more (or gave no cursor).
    LastPage,
    /// The operation is not paged by cursor (a single response, or not a list).
    NotPaged,
    /// The server handed back a cursor this walk had already followed (a cycle).
    CursorRepeated,
    /// The walk reached its page cap.
    PageCap,
}

/// What comes after a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "next")]
pub enum NextPage {
    /// Ask for the next page with `param=value` (`after=…` or `page=…`).
    Cursor {
        /// The query parameter (`after` or `page`).
        param: &'static str,
        /// Its value.
        value: String,
    },
    /// The walk is over.
    End {
        /// Why.
        reason: WalkEnd,
    },
}

/// One walk over a list's pages: the cursors already followed and the pages seen.
///
/// Every host pages through this: feed it each page's [`PageFacts`] and follow what
/// [`Walk::next`] says. A cursor seen before in this walk ends it (so cycles such as
/// A→B→A end too), and so does the page cap.
#[derive(Debug, Clone)]
pub struct Walk {
    style: PageStyle,
    seen: HashSet<String>,
    current: Option<String>,
    pages: u64,
    max_pages: u64,
}

impl Walk {
    /// A walk over an operation of page style `style`, whose first request carried
    /// `first_cursor` (if any), ending after at most `max_pages` pages (0 means no cap).
    pub fn new(style: PageStyle, first_cursor: Option<&str>, max_pages: u64) -> Self {
        let mut seen = HashSet::new();
        let current = first_cursor.filter(|c| !c.is_empty()).map(str::to_owned);
        if let Some(c) = &current {
            seen.insert(c.clone());
        }
        Self {
            style,
            seen,
            current,
            pages: 0,
            max_pages,
        }
    }

    /// The walk for the operation's request `params` (its cursor parameter read from them).
    pub fn for_params(style: PageStyle, params: &Map<String, Value>, max_pages: u64) -> Self {
        let first = style
            .cursor_param()
            .and_then(|p| params.get(p))
            .and_then(Value::as_str);
        Self::new(style, first, max_pages)
    }

    /// The cursor of the page the walk asks for now: the first request's cursor, then the
    /// last one [`Walk::next`] handed out (`None` for a first page asked without one).
    ///
    /// When that page's request fails for good, the walk can be resumed later from here:
    /// send the same request with this cursor (every page before it has been read).
    pub fn resume_cursor(&self) -> Option<&str> {
        self.current.as_deref()
    }

    /// How many pages this walk has been told about.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// Records one page and says what comes after it.
    pub fn next(&mut self, facts: &PageFacts) -> NextPage {
        self.pages += 1;
        let end = |reason| NextPage::End { reason };
        let Some(param) = self.style.cursor_param() else {
            return end(WalkEnd::NotPaged);
        };
        let Some(cursor) = facts.next_cursor(self.style) else {
            return end(WalkEnd::LastPage);
        };
        if self.max_pages != 0 && self.pages >= self.max_pages {
            return end(WalkEnd::PageCap);
        }
        if !self.seen.insert(cursor.to_owned()) {
            return end(WalkEnd::CursorRepeated);
        }
        self.current = Some(cursor.to_owned());
        NextPage::Cursor {
            param,
            value: cursor.to_owned(),
        }
    }

    /// [`Walk::next`] as request parameters: `params` with the cursor set, or `None` when
    /// the walk is over.
    pub fn next_params(
        &mut self,
        params: &Map<String, Value>,
        facts: &PageFacts,
    ) -> Option<Map<String, Value>> {
        match self.next(facts) {
            NextPage::Cursor { param, value } => {
                let mut p = params.clone();
                p.insert(param.to_owned(), Value::String(value));
                Some(p)
            }
            NextPage::End { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn page(cursor: &str) -> PageFacts {
        PageFacts {
            has_more: Some(true),
            cursor: Some(cursor.into()),
            last_item_id: None,
        }
    }

    #[test]
    fn walk_follows_and_ends() {
        let mut w = Walk::new(PageStyle::AfterLastId, None, 0);
        assert_eq!(
            w.next(&page("a")),
            NextPage::Cursor {
                param: "after",
                value: "a".into()
            }
        );
        let last = PageFacts {
            has_more: Some(false),
            ..page("b")
        };
        assert_eq!(
            w.next(&last),
            NextPage::End {
                reason: WalkEnd::LastPage
            }
        );
        let mut w = Walk::new(PageStyle::Single, None, 0);
        assert_eq!(
            w.next(&page("a")),
            NextPage::End {
                reason: WalkEnd::NotPaged
            }
        );
    }

    #[test]
    fn the_resume_cursor_is_the_page_asked_for() {
        let mut w = Walk::new(PageStyle::AfterLastId, None, 0);
        assert_eq!(w.resume_cursor(), None);
        w.next(&page("a"));
        assert_eq!(w.resume_cursor(), Some("a"));
        w.next(&page("b"));
        assert_eq!(w.resume_cursor(), Some("b"));
        // An end keeps the last cursor followed.
        w.next(&page("a"));
        assert_eq!(w.resume_cursor(), Some("b"));
        let w = Walk::new(PageStyle::AfterLastId, Some("z"), 0);
        assert_eq!(w.resume_cursor(), Some("z"));
    }

    #[test]
    fn a_cursor_cycle_stops() {
        // The first request's own cursor counts as seen.
        let mut w = Walk::new(PageStyle::AfterNext, Some("a"), 0);
        assert!(matches!(w.next(&page("b")), NextPage::Cursor { .. }));
        assert!(matches!(w.next(&page("c")), NextPage::Cursor { .. }));
        assert_eq!(
            w.next(&page("a")),
            NextPage::End {
                reason: WalkEnd::CursorRepeated
            }
        );
        // A → B → A without a first cursor.
        let mut w = Walk::new(PageStyle::AfterNext, None, 0);
        assert!(matches!(w.next(&page("a")), NextPage::Cursor { .. }));
        assert!(matches!(w.next(&page("b")), NextPage::Cursor { .. }));
        assert_eq!(
            w.next(&page("a")),
            NextPage::End {
                reason: WalkEnd::CursorRepeated
            }
        );
    }

    #[test]
    fn the_page_cap_stops_an_endless_walk() {
        let mut w = Walk::new(PageStyle::NextPage, None, 5);
        let mut followed = 0;
        for i in 0.. {
            match w.next(&page(&format!("p{i}"))) {
                NextPage::Cursor { param, .. } => {
                    assert_eq!(param, "page");
                    followed += 1;
                }
                NextPage::End { reason } => {
                    assert_eq!(reason, WalkEnd::PageCap);
                    break;
                }
            }
        }
        // Five pages seen, four followed after the first.
        assert_eq!((followed, w.pages()), (4, 5));
    }

    #[test]
    fn next_params_sets_the_cursor() {
        let p = json!({"limit": 2, "project_id": "p"})
            .as_object()
            .unwrap()
            .clone();
        let mut w = Walk::for_params(PageStyle::AfterLastId, &p, 0);
        let next = w.next_params(&p, &page("u9")).unwrap();
        assert_eq!(
            Value::Object(next),
            json!({"limit": 2, "project_id": "p", "after": "u9"})
        );
        let p2 = json!({"after": "u9"}).as_object().unwrap().clone();
        let mut w = Walk::for_params(PageStyle::AfterLastId, &p2, 0);
        assert_eq!(w.next_params(&p2, &page("u9")), None);
    }
}
