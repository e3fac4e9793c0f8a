//! A small WebDriver client (the W3C protocol: JSON over HTTP) for driving
//! Debian's chromium through chromedriver in tests/browser.rs. Only what
//! those tests use: sessions, navigation, elements, scripts, screenshots and
//! chromium's performance log (to see every network request).

use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver, running until dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (apt install chromium-driver; scripts/wasm.sh installs it)");
        let driver = Driver { child, port };
        let begun = Instant::now();
        while driver.request("GET", "/status", None).is_err() {
            assert!(
                begun.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .map_err(|e| e.to_string())?;
        let body = body.map(Value::to_string).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.write_all(body.as_bytes()))
            .map_err(|e| e.to_string())?;
        // chromedriver keeps the connection open: read the header, then
        // exactly the body its Content-Length gives.
        let mut response = Vec::new();
        let mut chunk = [0u8; 65536];
        let split = loop {
            if let Some(at) = response.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("the connection closed before a header".into());
            }
            response.extend_from_slice(&chunk[..n]);
        };
        let headers = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
        let length: usize = headers
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .ok_or("no Content-Length")?;
        let mut payload = response[split + 4..].to_vec();
        while payload.len() < length {
            let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("the connection closed inside the body".into());
            }
            payload.extend_from_slice(&chunk[..n]);
        }
        let value: Value = serde_json::from_slice(&payload).map_err(|e| e.to_string())?;
        if headers.starts_with("http/1.1 2") {
            Ok(value)
        } else {
            Err(value["value"].to_string())
        }
    }

    /// A headless chromium session that downloads into `downloads`, with the
    /// network made unreachable and every request logged.
    pub fn session(&self, downloads: &Path) -> Session<'_> {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900",
                    "--lang=zh-CN", "--no-first-run", "--disable-sync",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-default-apps", "--disable-extensions",
                    // The network off: no name resolves, no proxy answers.
                    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                ],
                "prefs": {
                    "download.default_directory": downloads.to_str().unwrap(),
                    "download.prompt_for_download": false,
                    "profile.default_content_setting_values.automatic_downloads": 1,
                },
            },
            "goog:loggingPrefs": {"performance": "ALL", "browser": "ALL"},
        }}});
        let value = self
            .request("POST", "/session", Some(&caps))
            .unwrap_or_else(|e| panic!("no chromium session: {e}"));
        Session {
            driver: self,
            id: value["value"]["sessionId"].as_str().unwrap().to_string(),
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium() -> &'static str {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("chromium")
}

/// One browser window.
pub struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

/// An element, by its WebDriver reference.
#[derive(Clone)]
pub struct Element(Value);

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Element {
    /// The element as a script argument.
    pub fn json(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

impl Session<'_> {
    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        self.driver
            .request(
                method,
                &format!("/session/{}{path}", self.id),
                body.as_ref(),
            )
            .map(|v| v["value"].clone())
    }

    fn must(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn navigate(&self, url: &str) {
        self.must("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn find(&self, css: &str) -> Element {
        self.try_find(css)
            .unwrap_or_else(|| panic!("no element {css}"))
    }

    pub fn try_find(&self, css: &str) -> Option<Element> {
        self.call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        )
        .ok()
        .map(|v| Element(v[ELEMENT_KEY].clone()))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.must(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|v| Element(v[ELEMENT_KEY].clone()))
            .collect()
    }

    fn element(&self, element: &Element, what: &str, body: Option<Value>) -> Value {
        let id = element.0.as_str().unwrap();
        let method = if body.is_some() { "POST" } else { "GET" };
        self.must(method, &format!("/element/{id}{what}"), body)
    }

    pub fn click(&self, element: &Element) {
        self.element(element, "/click", Some(json!({})));
    }

    pub fn clear(&self, element: &Element) {
        self.element(element, "/clear", Some(json!({})));
    }

    /// Type `text` into an element, as keystrokes (a file input takes paths).
    pub fn type_text(&self, element: &Element, text: &str) {
        self.element(element, "/value", Some(json!({ "text": text })));
    }

    pub fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        self.element(element, &format!("/property/{name}"), None)
            .as_str()
            .map(str::to_string)
    }

    /// Run a script in the page (its `arguments` are `args`), for what a user
    /// sees but WebDriver has no command for (a dataset value, a count).
    pub fn script(&self, body: &str, args: Value) -> Value {
        self.must(
            "POST",
            "/execute/sync",
            Some(json!({ "script": body, "args": args })),
        )
    }

    /// Wait until `condition` (a script returning a truthy value) holds.
    pub fn wait_for(&self, condition: &str, seconds: u64) -> Value {
        let begun = Instant::now();
        loop {
            let value = self.script(condition, json!([]));
            if !value.is_null() && value != json!(false) && value != json!("") {
                return value;
            }
            assert!(
                begun.elapsed() < Duration::from_secs(seconds),
                "waited {seconds} s for: {condition}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn screenshot(&self) -> Vec<u8> {
        use base64::Engine as _;
        let text = self.must("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(text.as_str().unwrap())
            .unwrap()
    }

    /// The entries of one of chromium's logs since the last read.
    pub fn log(&self, kind: &str) -> Vec<Value> {
        self.must("POST", "/se/log", Some(json!({ "type": kind })))
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self.call("DELETE", "", None);
    }
}
