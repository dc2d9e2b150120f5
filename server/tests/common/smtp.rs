//! A real SMTP server on loopback for mail stories: `smtp_sink.py` (Python's aiosmtpd, which
//! `make test` installs), one per test, writing each message it accepts to a folder.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SmtpSink {
    pub port: u16,
    folder: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    /// Faro's mail settings for this sink, as node `node`: looking often and retrying soon, as
    /// a test needs.
    pub fn settings(&self, node: &str) -> faro_server::mailer::MailSettings {
        let mut mail = faro_server::mailer::MailSettings::new(
            &self.url(),
            "Faro <faro@demo.test>",
            node.into(),
        )
        .unwrap();
        mail.poll = Duration::from_millis(50);
        mail.retry_base = Duration::from_millis(150);
        mail
    }

    pub fn start() -> SmtpSink {
        let folder = tempfile::tempdir().unwrap();
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/common/smtp_sink.py");
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(port.to_string())
            .arg(folder.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("Debian's python3 runs the SMTP sink (make test installs python3-aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP sink starts (is aiosmtpd installed?)"
        );
        SmtpSink {
            port,
            folder,
            child,
        }
    }

    /// The address Faro sends through.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// From now on, every message is refused with `answer` (e.g. `451 4.3.0 Try later`).
    pub fn refuse(&self, answer: &str) {
        std::fs::write(self.folder.path().join("refuse"), answer).unwrap();
    }

    /// From now on, messages are accepted again.
    pub fn accept(&self) {
        let _ = std::fs::remove_file(self.folder.path().join("refuse"));
    }

    /// From now on, the sender address is refused at `MAIL FROM` with `answer` (a server that
    /// does not take Faro's sender: `553 5.1.8 …`).
    pub fn refuse_sender(&self, answer: &str) {
        std::fs::write(self.folder.path().join("refuse-sender"), answer).unwrap();
    }

    /// From now on, the sender address is taken again.
    pub fn accept_sender(&self) {
        let _ = std::fs::remove_file(self.folder.path().join("refuse-sender"));
    }

    /// From now on, `recipient` is refused at `RCPT TO` with `answer` (a relay that cannot check
    /// that one address: `421 4.4.2 …`).
    pub fn refuse_recipient(&self, recipient: &str, answer: &str) {
        std::fs::write(
            self.folder.path().join("refuse-rcpt"),
            format!("{recipient} {answer}\n"),
        )
        .unwrap();
    }

    /// From now on, the server takes `pause` over each message before answering.
    pub fn delay(&self, pause: Duration) {
        std::fs::write(
            self.folder.path().join("delay"),
            pause.as_secs_f64().to_string(),
        )
        .unwrap();
    }

    /// Every message accepted so far, in order of arrival, as a mail reader reads it.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `count` messages arrived (at most `limit`); answers them all.
    pub async fn wait_for(&self, count: usize, limit: Duration) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                started.elapsed() < limit,
                "{} of {count} messages arrived in {limit:?}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message as the sink read it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    pub envelope_from: String,
    pub envelope_to: Vec<String>,
    /// Lower-case names, decoded values.
    pub headers: std::collections::HashMap<String, String>,
    pub text: Option<String>,
    pub html: Option<String>,
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }

    /// The first link in the plain-text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.text()
            .split_whitespace()
            .find(|word| word.starts_with(prefix))
            .map(str::to_string)
    }
}

/// The demo on `backend`, sending through `sink` as node `node-a`, gathering due digests every
/// 50 ms.
pub async fn mailing_app(
    backend: faro_server::database::Backend,
    sink: &SmtpSink,
) -> super::TestApp {
    let mail = sink.settings("node-a");
    super::TestApp::spawn_with_demo_configured(backend, move |state| {
        state.mail = Some(mail);
        state.digest_poll = Duration::from_millis(50);
    })
    .await
}

/// Waits until every queued message has gone, then a little more for the sink; answers all the
/// sink received.
pub async fn all_sent(app: &super::TestApp, sink: &SmtpSink) -> Vec<Received> {
    let started = Instant::now();
    while super::count(app, "SELECT COUNT(*) FROM outbox WHERE status = 'queued'").await > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the outbox never emptied"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    sink.messages()
}

/// The messages that went to `email`.
pub fn to(messages: &[Received], email: &str) -> Vec<Received> {
    messages
        .iter()
        .filter(|m| m.envelope_to.iter().any(|t| t == email))
        .cloned()
        .collect()
}
