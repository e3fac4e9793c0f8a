use clap::Parser;

fn main() {
    let cli = shenbao::cli::Cli::parse();
    shenbao::atomic::clean_up_on_interrupt();
    std::process::exit(shenbao::commands::run(cli));
}
