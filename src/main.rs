// mimalloc instead of the system allocator: a report makes a few hundred small
// allocations, and glibc's free lists took about a seventh of a lint thread's
// instructions. Built without transparent huge pages (`no_thp`): with them, its
// arenas made the peak resident memory two to three times larger.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

fn main() {
    let code = match cli::run() {
        Ok(status) => status.exit_code(),
        Err(e) => {
            eprintln!("error: {e:#}");
            cli::EXIT_TROUBLE
        }
    };
    std::process::exit(code);
}
