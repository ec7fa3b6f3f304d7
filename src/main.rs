mod cli;

fn main() {
    let code = match cli::run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            cli::EXIT_TROUBLE
        }
    };
    std::process::exit(code);
}
