//! NET: addressing.

pub mod cidr_host_bits;
pub mod cidr_size_out_of_range;
pub mod subnet_outside_vpc;
pub mod subnet_overlap;
pub mod tier_capacity;
pub mod tier_single_az;
pub mod vpc_cidr_not_private;
pub mod vpc_peer_overlap;
pub mod vpc_without_ipv4;
