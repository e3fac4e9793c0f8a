use clap::Parser;

// mimalloc rather than glibc's malloc: validate builds and drops a tree of
// small strings and maps per declaration, and mimalloc's thread-local free
// lists cost about 10% less CPU over the benchmark corpus (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = shenbao::cli::Cli::parse();
    shenbao::atomic::clean_up_on_interrupt();
    std::process::exit(shenbao::commands::run(cli) as i32);
}
