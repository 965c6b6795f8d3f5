//! Walking a list's pages: [`host::Walk`] fed with the facts of pages the driver has already
//! parsed with `JSON.parse`, so a page's body is never copied into wasm.

use js_sys::{Array, Reflect};
use openai_admin::Error;
use openai_admin::host::{self, PageFacts};
use openai_admin::pagination::PageStyle;
use openai_admin::params::Params;
use serde_json::{Map, Value};
use tsify_next::Tsify;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::boundary::RequestParams;
use crate::{Core, params_of, throw, to_js};

/// One walk over a list's pages: the parameters of the page to come, and the walk's guards
/// (a cursor followed twice ends it, and so does the page cap).
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct Walk {
    style: PageStyle,
    walk: host::Walk,
    params: Params,
}

#[wasm_bindgen]
impl Core {
    /// A walk over the pages of `sdk_method`, whose first page is asked for with `params`;
    /// it ends after the client's `max_pages` pages.
    pub fn walk(
        &self,
        sdk_method: &str,
        params: <RequestParams as Tsify>::JsType,
    ) -> Result<Walk, JsValue> {
        let style = host::require_operation(sdk_method)
            .map_err(|e| throw(&e))?
            .page_style;
        let params = params_of(params.into())?;
        let walk = host::Walk::for_params(style, &params, self.settings.max_pages);
        Ok(Walk {
            style,
            walk,
            params,
        })
    }
}

#[wasm_bindgen]
impl Walk {
    /// A copy of this walk as it stands: a page can be walked on from more than once
    /// (`getNextPage()` twice), and each walk keeps its own cursors.
    pub fn fork(&self) -> Walk {
        self.clone()
    }

    /// The cursor of the page this walk asks for now (`undefined` for a first page asked
    /// without one): when that page fails for good, the same list called with this cursor
    /// resumes the walk, every page before it having been read.
    pub fn resume_cursor(&self) -> Option<String> {
        self.walk.resume_cursor().map(str::to_owned)
    }

    /// Takes the page fetched with the walk's parameters (as `JSON.parse` built it) and
    /// returns the parameters of the page after it, or `undefined` when the walk is over.
    ///
    /// Only the core's page facts are read ([`PageFacts`]: `has_more`, the page style's
    /// cursor field and the last item's `id`).
    /// Throws an `APIResponseValidationError` record when the page is not an object, its
    /// `data` is not an array, or those values have the wrong type.
    pub fn next(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] page: JsValue,
    ) -> Result<Option<<RequestParams as Tsify>::JsType>, JsValue> {
        let facts = facts_of(self.style, &page).map_err(|e| throw(&e))?;
        match self.walk.next_params(&self.params, &facts) {
            Some(next) => {
                let out = to_js(&RequestParams(next.clone()))?;
                self.params = next;
                Ok(Some(out))
            }
            None => Ok(None),
        }
    }
}

fn decode(message: &str) -> Error {
    Error::Decode {
        message: message.to_owned(),
        request_id: None,
    }
}

/// The facts of a parsed page: the few values the core reads, taken from the JS object
/// and read by the core's own rules ([`PageFacts::from_value`]).
fn facts_of(style: PageStyle, page: &JsValue) -> Result<PageFacts, Error> {
    if !page.is_object() || Array::is_array(page) {
        return Err(decode("a list page must be a JSON object"));
    }
    let get = |target: &JsValue, key: &str| {
        Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    };
    let data = get(page, PageFacts::ITEMS);
    if !data.is_undefined() && !Array::is_array(&data) {
        let items = PageFacts::ITEMS;
        return Err(decode(&format!(
            "the `{items}` of a list page must be an array"
        )));
    }
    let mut few = Map::new();
    let mut put = |key: &str, value: JsValue| -> Result<(), Error> {
        if !value.is_undefined() {
            let v: Value = serde_wasm_bindgen::from_value(value)
                .map_err(|e| decode(&format!("`{key}` of the page: {e}")))?;
            few.insert(key.to_owned(), v);
        }
        Ok(())
    };
    put(PageFacts::HAS_MORE, get(page, PageFacts::HAS_MORE))?;
    if let Some(field) = style.cursor_field() {
        put(field, get(page, field))?;
    }
    let data: Array = if data.is_undefined() {
        Array::new()
    } else {
        data.unchecked_into()
    };
    if data.length() > 0 {
        let last = data.get(data.length() - 1);
        let mut item = Map::new();
        if last.is_object() {
            let id = get(&last, PageFacts::ITEM_ID);
            if !id.is_undefined() {
                let id: Value = serde_wasm_bindgen::from_value(id).map_err(|e| {
                    decode(&format!("`{}` of the last item: {e}", PageFacts::ITEM_ID))
                })?;
                item.insert(PageFacts::ITEM_ID.to_owned(), id);
            }
        }
        few.insert(
            PageFacts::ITEMS.to_owned(),
            Value::Array(vec![Value::Object(item)]),
        );
    }
    PageFacts::from_value(style, &Value::Object(few))
}
