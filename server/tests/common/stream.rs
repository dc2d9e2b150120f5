//! An open live stream (`/events/projects/{id}`), read as the browser's EventSource would.

use serde_json::Value;
use std::time::Duration;

/// An open event stream, read as the browser's EventSource would.
pub struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    pub async fn open(url: String, who: &reqwest::Client, last_event_id: Option<i64>) -> Stream {
        let mut request = who.get(url).header("Accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Stream {
            response,
            buffer: String::new(),
        }
    }

    /// The next `change` event (id, data), or `None` when none comes within `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<(i64, Value)> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = None;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse::<i64>().ok();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data = serde_json::from_str::<Value>(v.trim()).ok();
                    }
                }
                if let (Some(id), Some(data)) = (id, data) {
                    return Some((id, data));
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Whether the server ends the stream within `wait` (keep-alive comments aside).
    pub async fn ends_within(&mut self, wait: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Err(_) => return false,
                Ok(Ok(Some(_))) => continue,
                Ok(Ok(None)) | Ok(Err(_)) => return true,
            }
        }
    }

    /// Every change until one about `card`, which must come within 5 s.
    pub async fn until_card(&mut self, card: i64) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let (_, data) = self
                .next(Duration::from_secs(5))
                .await
                .unwrap_or_else(|| panic!("no change about card {card}; saw {seen:?}"));
            let done = data["card"] == card;
            seen.push(data);
            if done {
                return seen;
            }
        }
    }
}
