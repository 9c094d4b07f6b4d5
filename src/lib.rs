//! vpd: validate and publish Veilige Publieke Dienstverlening protocols.
//!
//! The pipeline is the architecture:
//! [`load`] (walk `content/`, parse YAML with spans) →
//! [`validate`] (compiled templates + organisation-norm checks) →
//! [`model`] (the one typed value of the organisation) →
//! [`render`] (the page registry, every page into a sink, the search index) →
//! [`write`](mod@write) (staging folder and atomic swap, or the preview's live folder).
//! [`pipeline`] runs these stages for `check`, `build` and `serve`'s incremental session;
//! [`serve`] and [`cli`] sit around it. [`template`] holds the forms and their compilation
//! to JSON Schema; [`diagnostic`] holds findings and their output formats; [`site_path`]
//! maps a path of the site to the output file that serves it; [`edit`] writes a form's
//! answers back into a YAML file losslessly (the preview's form editor).
#![warn(missing_docs)]
// A Diagnostic is the error value of parsing by design (it carries the span, message and
// hint); findings are rare and never on a hot path, so boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod diagnostic;
pub mod edit;
pub mod leerdoelen;
pub mod load;
pub mod messages;
pub mod model;
pub mod names;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site_path;
pub mod source;
pub mod template;
pub mod terminal;
pub mod validate;
pub mod write;
