//! What the generated tables say about a model: its fields and their shapes.

/// The type of a value, as far as building Python objects needs to know.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// A scalar, an enum value, or free-form JSON: converted as it is.
    Any,
    /// A credential (the value of a key the API has just made): read as it is, never
    /// shown by `repr`.
    Secret,
    /// A model (struct or tagged union), by index into `MODELS`.
    Model(u16),
    /// A list of values of one shape.
    List(&'static Shape),
    /// A string-keyed map of values of one shape.
    Map(&'static Shape),
}

/// One model: a struct (`fields`) or a tagged union (`tag` and `variants`).
#[derive(Debug)]
pub(crate) struct ModelInfo {
    /// The model's type name.
    pub(crate) name: &'static str,
    /// `(python name, wire name, shape)` per field.
    pub(crate) fields: &'static [(&'static str, &'static str, Shape)],
    /// The union's tag field ("" for structs).
    pub(crate) tag: &'static str,
    /// `(tag value, model index)` per variant.
    pub(crate) variants: &'static [(&'static str, u16)],
}
