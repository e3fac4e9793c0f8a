use clap::Parser;

fn main() {
    let cli = shenbao::cli::Cli::parse();
    std::process::exit(shenbao::commands::run(cli));
}
