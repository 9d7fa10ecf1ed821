//! A web server on 127.0.0.1 for the link checks: each path answers as a
//! real site might, and `/never` accepts the connection and says nothing.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A running server: its address (`http://127.0.0.1:PORT`) and how many
/// requests it has had.
pub struct TestSite {
    pub base: String,
    pub requests: Arc<AtomicUsize>,
}

impl TestSite {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Starts the server on a free port; it runs until the test ends.
///
/// - `/ok`: 200; `/moved`: 301 to `/ok`; `/for-now`: 302 to `/ok`;
/// - `/missing`: 404; `/fails`: 500; `/moved-to-missing`: 301 to `/missing`;
/// - `/no-head`: 405 to HEAD, 200 to GET; `/loop`: 301 to itself;
/// - `/never`: accepts and never answers;
/// - `/slow-N`: answers after 0.6 s with a redirect to `/slow-N+1`.
pub fn start() -> TestSite {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let counted = Arc::clone(&counted);
            std::thread::spawn(move || answer(stream, &counted));
        }
    });
    TestSite { base, requests }
}

fn answer(mut stream: TcpStream, requests: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        // The headers, to the empty line.
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
        }
        requests.fetch_add(1, Ordering::SeqCst);
        let mut words = request.split_whitespace();
        let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
        let slow_next = path
            .strip_prefix("/slow-")
            .and_then(|n| n.parse::<u32>().ok())
            .map(|n| format!("/slow-{}", n + 1));
        if let Some(next) = slow_next {
            std::thread::sleep(std::time::Duration::from_millis(600));
            let reply = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {next}\r\nContent-Length: 0\r\n\r\n"
            );
            if stream.write_all(reply.as_bytes()).is_err() {
                return;
            }
            continue;
        }
        let (status, location) = match (method, path) {
            (_, "/ok") => ("200 OK", None),
            (_, "/moved") => ("301 Moved Permanently", Some("/ok")),
            (_, "/for-now") => ("302 Found", Some("/ok")),
            (_, "/moved-to-missing") => ("301 Moved Permanently", Some("/missing")),
            (_, "/fails") => ("500 Internal Server Error", None),
            ("HEAD", "/no-head") => ("405 Method Not Allowed", None),
            (_, "/no-head") => ("200 OK", None),
            (_, "/loop") => ("301 Moved Permanently", Some("/loop")),
            (_, "/never") => {
                std::thread::sleep(std::time::Duration::from_secs(60));
                return;
            }
            _ => ("404 Not Found", None),
        };
        let body = if method == "HEAD" { "" } else { "page" };
        let location = location.map_or(String::new(), |l| format!("Location: {l}\r\n"));
        let reply = format!(
            "HTTP/1.1 {status}\r\n{location}Content-Length: 4\r\nContent-Type: text/plain\r\n\r\n{body}"
        );
        if stream.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}
