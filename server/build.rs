//! Rebuilds the server when a migration changes, so the embedded migrators are never stale.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
