//! The program's own allocator (see `src/main.rs`) for every benchmark,
//! so the figures are the program's.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
