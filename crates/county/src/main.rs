//! `yiyang-county`: serve (default), or run an administrator command on the database.
use std::io::Write;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;
use yiyang_county::admin::{self, NewInstitution};
use yiyang_county::{auth, db, migrate};

// A push batch is a thousand JSON maps parsed, merged, serialised and freed: glibc (mostly
// malloc and free) took two fifths of the county's CPU in an initial upload.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "yiyang-county", about = "医养通 县级服务器")]
struct Cli {
    /// PostgreSQL connection URL, e.g. postgres://postgres@127.0.0.1/yiyang_county
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Address to listen on (port 0 picks a free port; the bound address is printed).
    #[arg(long, default_value = "127.0.0.1:8700", global = true)]
    listen: String,
    /// The county administrator's bearer token for `GET /v1/indicators` (at least 32
    /// characters; only its SHA-256 is kept in memory). Unset: that route refuses everyone.
    #[arg(
        long,
        env = "YIYANG_COUNTY_ADMIN_TOKEN",
        hide_env_values = true,
        global = true
    )]
    admin_token: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the sync API (the default).
    Serve,
    /// Institutions (the county's registry).
    Institution {
        #[command(subcommand)]
        command: InstitutionCommand,
    },
    /// One-time enrolment codes.
    Code {
        #[command(subcommand)]
        command: CodeCommand,
    },
    /// Enrolled devices.
    Device {
        #[command(subcommand)]
        command: DeviceCommand,
    },
    /// Rejected mutations.
    Quarantine {
        #[command(subcommand)]
        command: ListCommand,
    },
    /// Field conflicts.
    Conflict {
        #[command(subcommand)]
        command: ListCommand,
    },
    /// Residents filed twice with the same 身份证号: candidates, merges and their undoing.
    Merge {
        #[command(subcommand)]
        command: MergeCommand,
    },
}

#[derive(Debug, Subcommand)]
enum InstitutionCommand {
    /// Register an institution (or update the one with this credit code).
    Add {
        /// township_clinic | community_health_center | elderly_home | care_institution
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        /// 统一社会信用代码 (the institution's id derives from it)
        #[arg(long)]
        credit_code: String,
        /// 6-digit county division code
        #[arg(long)]
        county_code: String,
        #[arg(long, default_value = "001")]
        township_code: String,
        #[arg(long, default_value = "001")]
        village_code: String,
        #[arg(long, default_value = "")]
        address: String,
        #[arg(long, default_value = "")]
        contact_phone: String,
    },
}

#[derive(Debug, Subcommand)]
enum CodeCommand {
    /// Issue a one-time enrolment code (printed once; only its hash is kept).
    Issue {
        #[arg(long)]
        credit_code: String,
        #[arg(long, default_value_t = 7)]
        days: i64,
    },
}

#[derive(Debug, Subcommand)]
enum DeviceCommand {
    List,
    /// Revoke a device (a lost laptop): its token stops working at once.
    Revoke {
        id: String,
    },
}

#[derive(Debug, Subcommand)]
enum ListCommand {
    List,
}

#[derive(Debug, Subcommand)]
enum MergeCommand {
    /// The merge candidates (two live files with one 身份证号) and their status.
    List,
    /// Merge a candidate: keep one file, move the other's contracts to it, mark it 迁出.
    Apply {
        /// The candidate's id (merge list)
        candidate: i64,
        /// The resident id that survives (one of the candidate's two)
        #[arg(long)]
        keep: String,
        /// Who decided (recorded with the merge)
        #[arg(long, env = "USER", default_value = admin::ADMIN_ACTOR)]
        by: String,
    },
    /// Undo a merge: contracts and the merged file's status go back, the candidate reopens.
    Undo {
        /// The merge's id (merge history)
        merge: i64,
        /// Who decided (recorded with the merge)
        #[arg(long, env = "USER", default_value = admin::ADMIN_ACTOR)]
        by: String,
    },
    /// Every merge decided: what moved, what was left, whether it was undone.
    History,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let url = cli
        .database_url
        .clone()
        .context("--database-url (or DATABASE_URL) is required")?;
    let (mut client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
        .await
        .context("cannot connect to PostgreSQL")?;
    let conn_task = tokio::spawn(async move {
        if let Err(e) = connection.await {
            tracing::error!(error = %e, "database connection");
        }
    });
    migrate::migrate(&mut client).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            drop(client);
            conn_task.abort();
            serve(&url, &cli.listen, cli.admin_token.as_deref()).await?;
        }
        Command::Institution {
            command:
                InstitutionCommand::Add {
                    kind,
                    name,
                    credit_code,
                    county_code,
                    township_code,
                    village_code,
                    address,
                    contact_phone,
                },
        } => {
            let id = admin::institution_add(
                &mut client,
                &NewInstitution {
                    kind,
                    name,
                    credit_code,
                    county_code,
                    township_code,
                    village_code,
                    address,
                    contact_phone,
                },
            )
            .await?;
            println!("{id}");
        }
        Command::Code {
            command: CodeCommand::Issue { credit_code, days },
        } => println!(
            "{}",
            admin::code_issue(&mut client, &credit_code, days).await?
        ),
        Command::Device {
            command: DeviceCommand::List,
        } => admin::device_list(&client).await?,
        Command::Device {
            command: DeviceCommand::Revoke { id },
        } => admin::device_revoke(&client, &id).await?,
        Command::Quarantine { .. } => admin::quarantine_list(&client).await?,
        Command::Conflict { .. } => admin::conflict_list(&client).await?,
        Command::Merge { command } => match command {
            MergeCommand::List => admin::merge_list(&client).await?,
            MergeCommand::Apply {
                candidate,
                keep,
                by,
            } => admin::merge_apply(&mut client, candidate, &keep, &by).await?,
            MergeCommand::Undo { merge, by } => admin::merge_undo(&mut client, merge, &by).await?,
            MergeCommand::History => admin::merge_history(&client).await?,
        },
    }
    Ok(())
}

async fn serve(url: &str, listen: &str, admin_token: Option<&str>) -> anyhow::Result<()> {
    let admin_token_hash = match admin_token.map(str::trim) {
        None | Some("") => {
            tracing::warn!("no YIYANG_COUNTY_ADMIN_TOKEN: GET /v1/indicators refuses everyone");
            None
        }
        Some(t) if t.chars().count() < auth::MIN_ADMIN_TOKEN_CHARS => anyhow::bail!(
            "YIYANG_COUNTY_ADMIN_TOKEN is too short: use at least {} characters",
            auth::MIN_ADMIN_TOKEN_CHARS
        ),
        Some(t) => Some(db::secret_hash(t)),
    };
    let pool = db::pool(url, 16)?;
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr()?;
    // Handlers are installed before the ready line: a SIGTERM sent right after it must shut
    // down gracefully, not kill the process.
    let shutdown = shutdown_signal()?;
    // Tests and service managers wait for this exact line.
    println!("listening on {addr}");
    std::io::stdout().flush()?;
    tracing::info!(%addr, "serving");
    yiyang_county::serve(
        listener,
        db::AppState {
            pool,
            admin_token_hash,
        },
        shutdown,
    )
    .await?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGTERM (systemd, docker stop) or SIGINT (ctrl-c).
#[cfg(unix)]
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).context("SIGTERM handler")?;
    let mut int = signal(SignalKind::interrupt()).context("SIGINT handler")?;
    Ok(async move {
        tokio::select! {
            _ = term.recv() => {},
            _ = int.recv() => {},
        }
        tracing::info!("shutting down");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    Ok(async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "ctrl-c handler");
            std::future::pending::<()>().await;
        }
        tracing::info!("shutting down");
    })
}
