//! OS-neutral pieces the backends share: they read no native struct and call
//! nothing but the C allocator, so every platform builds the same memory for
//! what the vtable hands the binding to own for a while.
pub const host_entry = @import("host_entry.zig");
pub const interface_list = @import("interface_list.zig");
pub const text = @import("text.zig");
pub const tcp_info = @import("tcp_info.zig");
