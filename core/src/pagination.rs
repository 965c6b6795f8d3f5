//! Pagination as data: which request comes after a page, decided from the page alone.

/// How a list operation asks for its next page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PageStyle {
    /// `after=<last_id>` from the page body.
    AfterLastId,
    /// `after=<id of the page's last item>`.
    AfterItemId,
    /// `after=<next>` from the page body.
    AfterNext,
    /// `page=<next_page>` from the page body (usage and costs).
    NextPage,
    /// The whole list comes in one response.
    Single,
    /// Not a list.
    None,
}

impl PageStyle {
    /// The spec's `x-page-style` name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AfterLastId => "after_last_id",
            Self::AfterItemId => "after_item_id",
            Self::AfterNext => "after_next",
            Self::NextPage => "next_page",
            Self::Single => "single",
            Self::None => "none",
        }
    }

    /// The query parameter that asks for the next page (`after` or `page`), or `None` for
    /// styles that have no next page.
    pub fn cursor_param(self) -> Option<&'static str> {
        match self {
            Self::AfterLastId | Self::AfterItemId | Self::AfterNext => Some("after"),
            Self::NextPage => Some("page"),
            Self::Single | Self::None => None,
        }
    }

    /// The page field whose value the cursor is (`last_id`, `next` or `next_page`), or `None`
    /// when the cursor is the `id` of the page's last item (or there is no cursor).
    pub fn cursor_field(self) -> Option<&'static str> {
        match self {
            Self::AfterLastId => Some("last_id"),
            Self::AfterNext => Some("next"),
            Self::NextPage => Some("next_page"),
            Self::AfterItemId | Self::Single | Self::None => None,
        }
    }
}

/// The cursor for the next page, or `None` when this page is the last: `has_more` is
/// false or absent, or the cursor is absent or empty.
pub fn next_cursor(has_more: Option<bool>, cursor: Option<&str>) -> Option<String> {
    match (has_more, cursor) {
        (Some(true), Some(c)) if !c.is_empty() => Some(c.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn where_each_style_keeps_its_cursor() {
        use super::PageStyle::*;
        let all = [AfterLastId, AfterItemId, AfterNext, NextPage, Single, None];
        let got: Vec<_> = all
            .iter()
            .map(|s| (s.cursor_param(), s.cursor_field()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("after"), Some("last_id")),
                (Some("after"), Option::None),
                (Some("after"), Some("next")),
                (Some("page"), Some("next_page")),
                (Option::None, Option::None),
                (Option::None, Option::None),
            ]
        );
    }

    use super::*;

    #[test]
    fn cursor_rules() {
        assert_eq!(next_cursor(Some(true), Some("u_2")), Some("u_2".to_owned()));
        assert_eq!(next_cursor(Some(false), Some("u_2")), None);
        assert_eq!(next_cursor(None, Some("u_2")), None);
        assert_eq!(next_cursor(Some(true), Some("")), None);
        assert_eq!(next_cursor(Some(true), None), None);
    }
}
