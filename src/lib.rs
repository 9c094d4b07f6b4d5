//! vpd: validate and publish Veilige Publieke Dienstverlening protocols.
//!
//! The pipeline is the architecture:
//! [`load`] (walk `content/`, parse YAML with spans) →
//! [`validate`] (compiled templates + organisation-norm checks) →
//! model → render → write (the site, built by later stages).
//! [`template`] holds the forms and their compilation to JSON Schema; [`diagnostic`]
//! holds findings and their output formats; [`cli`] wires the commands together.
#![warn(missing_docs)]

pub mod cli;
pub mod diagnostic;
pub mod load;
pub mod messages;
pub mod scaffold;
pub mod source;
pub mod template;
pub mod validate;
