//! The by-name escape hatch: any operation, parameters and result as JSON text.

use openai_admin::dispatch;
use openai_admin::host::require_operation;
use serde_json::{Map, Value};

use crate::client::AdminClient;
use crate::error::AdminError;
use crate::options::CallOptions;
use crate::runtime;

#[uniffi::export]
impl AdminClient {
    /// Calls the operation named `sdk_method` (the official Python or JS SDK's name, e.g.
    /// `admin.organization.users.list`) with `params_json`, one JSON object of path, query
    /// and body parameters by their API names. Returns the response as JSON text, checked
    /// against the operation's type (unknown fields kept).
    #[uniffi::method(default(options))]
    pub async fn call(
        &self,
        sdk_method: String,
        params_json: String,
        options: CallOptions,
    ) -> Result<String, AdminError> {
        let inner = self.inner.clone();
        let (opts, cancel) = options.split();
        runtime::run(cancel, async move {
            let info = require_operation(&sdk_method)?;
            let params: Map<String, Value> = if params_json.trim().is_empty() {
                Map::new()
            } else {
                match serde_json::from_str::<Value>(&params_json) {
                    Ok(Value::Object(m)) => m,
                    Ok(Value::Null) => Map::new(),
                    Ok(_) => {
                        return Err(AdminError::invalid(
                            "params_json",
                            "must be a JSON object".to_owned(),
                        ));
                    }
                    Err(e) => {
                        return Err(AdminError::invalid(
                            "params_json",
                            format!("is not JSON: {e}"),
                        ));
                    }
                }
            };
            let req = dispatch::build(
                info.sdk_method,
                params,
                inner.client.config(),
                &opts.request,
            )?;
            let raw = inner.client.execute(req, info.idempotent, &opts).await?;
            let value = dispatch::parse(info.sdk_method, raw.status, &raw.headers, &raw.body)?;
            Ok(value.to_string())
        })
        .await
    }
}
