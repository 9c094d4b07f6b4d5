//! Rebuild when the embedded theme or templates change (include_dir and include_str do
//! not see files that are added).
fn main() {
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=schemas");
    println!("cargo:rerun-if-changed=src/messages/nl.yaml");
}
