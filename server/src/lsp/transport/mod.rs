//! The transport between the client's byte streams and tower-lsp-server, wrapped so that no
//! message stream can stop the server.
//!
//! ```text
//! client ─stdin─▶ pump (MessageReader) ─duplex─▶ framework ─Outgoing─┐
//!                   │ error replies                                   ▼
//!                   └──────────────────────────────────────────▶ channel ─▶ writer ─stdout─▶ client
//! ```
//!
//! The pump reads the client's bytes through [`MessageReader`] and hands the framework only
//! messages it can read; what it refuses, it answers itself. Both the framework's messages and
//! those replies go through one channel to one writer, whole messages at a time, so they never
//! interleave on stdout; the writer also gives every URI the client's own spelling back.

mod params;
pub mod reader;
pub mod uri;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};

pub use reader::{Event, MessageReader};
pub use uri::UriMap;

/// The size of the pipe between the pump and the framework. The pump waits when it is full,
/// so a client sending faster than the server reads is held back rather than buffered whole.
const PIPE_BYTES: usize = 64 * 1024;

/// Runs `framework` (given the stream to read and the sink to write) behind the forgiving
/// reader and the single writer. Returns when the framework returns (after `exit`, or at the
/// end of the input), once everything it sent has been written.
pub async fn serve<I, O, F, Fut>(input: I, output: O, framework: F)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
    F: FnOnce(DuplexStream, Outgoing) -> Fut,
    Fut: Future<Output = ()>,
{
    let uris = UriMap::default();
    let (tx, rx) = unbounded_channel();
    let (to_framework, framework_input) = tokio::io::duplex(PIPE_BYTES);
    let pump = pump(input, to_framework, tx.clone(), uris.clone());
    let served = framework(framework_input, Outgoing::new(tx));
    let reading = async move {
        // The framework ends after `exit` even when the client keeps its end open; the pump,
        // which may be waiting for bytes that never come, is dropped with this block. Its
        // sender and the framework's are dropped with it, which ends the writer.
        tokio::select! {
            () = served => {}
            () = async { pump.await; std::future::pending::<()>().await } => {}
        }
    };
    tokio::join!(reading, write(output, rx, uris));
}

/// Client bytes → checked messages for the framework; refusals answered through `replies`.
async fn pump<I: AsyncRead + Unpin>(
    mut input: I,
    mut to_framework: DuplexStream,
    replies: UnboundedSender<Out>,
    uris: UriMap,
) {
    let mut reader = MessageReader::new(uris);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                eprintln!("nianbao: 读取标准输入失败：{e}");
                break;
            }
        };
        reader.push(&chunk[..n]);
        while let Some(event) = reader.next_event() {
            match event {
                Event::Message(body) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    let sent = async {
                        to_framework.write_all(header.as_bytes()).await?;
                        to_framework.write_all(&body).await
                    };
                    if sent.await.is_err() {
                        return; // the framework has stopped reading
                    }
                }
                Event::Refused { reply, log } => {
                    eprintln!("nianbao: {log}");
                    if let Some(reply) = reply {
                        let _ = replies.send(Out::Body(reply));
                    }
                }
                Event::Skipped { log } => eprintln!("nianbao: {log}"),
            }
        }
    }
    if let Some(Event::Skipped { log } | Event::Refused { log, .. }) = reader.finish() {
        eprintln!("nianbao: {log}");
    }
}

/// One message for the writer.
#[derive(Debug)]
pub enum Out {
    /// A message body, to be framed.
    Body(Vec<u8>),
    /// Bytes the framework wrote that did not frame (never expected): written as they are.
    Raw(Vec<u8>),
}

/// Writes each message whole, in the order sent, with the client's URIs restored.
async fn write<O: AsyncWrite>(output: O, mut rx: UnboundedReceiver<Out>, uris: UriMap) {
    tokio::pin!(output);
    while let Some(out) = rx.recv().await {
        let bytes = match out {
            Out::Body(body) => reader::frame(&uris.restore(body)),
            Out::Raw(bytes) => bytes,
        };
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            // The client is gone; nothing more can be said to it.
            return;
        }
    }
    let _ = output.shutdown().await;
}

/// The framework's output stream: collects what it writes into whole messages and sends each
/// to the writer, so its messages and the reader's replies cannot interleave.
pub struct Outgoing {
    buf: Vec<u8>,
    tx: UnboundedSender<Out>,
}

impl Outgoing {
    fn new(tx: UnboundedSender<Out>) -> Outgoing {
        Outgoing {
            buf: Vec::new(),
            tx,
        }
    }

    /// Sends every complete frame in the buffer.
    fn send_frames(&mut self) -> std::io::Result<()> {
        while let Some(end) = reader::header_end(&self.buf) {
            let Ok(len) = reader::content_length(&self.buf[..end]) else {
                let raw = std::mem::take(&mut self.buf);
                return self.send(Out::Raw(raw));
            };
            if self.buf.len() < end + len {
                break;
            }
            let body = self.buf[end..end + len].to_vec();
            self.buf.drain(..end + len);
            self.send(Out::Body(body))?;
        }
        Ok(())
    }

    fn send(&self, out: Out) -> std::io::Result<()> {
        self.tx
            .send(out)
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

impl AsyncWrite for Outgoing {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        bytes: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        this.buf.extend_from_slice(bytes);
        Poll::Ready(this.send_frames().map(|()| bytes.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
