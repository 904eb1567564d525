"""Kafka API keys -> snake_case names and first flexible versions (standard library only).

Facts from the public Kafka protocol guide / message definitions. Used by the recording proxy
(file names) and by the fixture scripts (header versions)."""

# key: (snake_name, first flexible request/response version or None)
APIS = {
    0: ("produce", 9),
    1: ("fetch", 12),
    2: ("list_offsets", 6),
    3: ("metadata", 9),
    4: ("leader_and_isr", 4),
    5: ("stop_replica", 2),
    6: ("update_metadata", 6),
    7: ("controlled_shutdown", 3),
    8: ("offset_commit", 8),
    9: ("offset_fetch", 6),
    10: ("find_coordinator", 3),
    11: ("join_group", 6),
    12: ("heartbeat", 4),
    13: ("leave_group", 4),
    14: ("sync_group", 4),
    15: ("describe_groups", 5),
    16: ("list_groups", 3),
    17: ("sasl_handshake", None),
    18: ("api_versions", 3),
    19: ("create_topics", 5),
    20: ("delete_topics", 4),
    21: ("delete_records", 2),
    22: ("init_producer_id", 2),
    23: ("offset_for_leader_epoch", 4),
    24: ("add_partitions_to_txn", 3),
    25: ("add_offsets_to_txn", 3),
    26: ("end_txn", 3),
    27: ("write_txn_markers", 1),
    28: ("txn_offset_commit", 3),
    29: ("describe_acls", 2),
    30: ("create_acls", 2),
    31: ("delete_acls", 2),
    32: ("describe_configs", 4),
    33: ("alter_configs", 2),
    34: ("alter_replica_log_dirs", 2),
    35: ("describe_log_dirs", 2),
    36: ("sasl_authenticate", 2),
    37: ("create_partitions", 2),
    38: ("create_delegation_token", 2),
    39: ("renew_delegation_token", 2),
    40: ("expire_delegation_token", 2),
    41: ("describe_delegation_token", 2),
    42: ("delete_groups", 2),
    43: ("elect_leaders", 2),
    44: ("incremental_alter_configs", 1),
    45: ("alter_partition_reassignments", 0),
    46: ("list_partition_reassignments", 0),
    47: ("offset_delete", None),
    48: ("describe_client_quotas", 1),
    49: ("alter_client_quotas", 1),
    50: ("describe_user_scram_credentials", 0),
    51: ("alter_user_scram_credentials", 0),
    55: ("describe_quorum", 0),
    57: ("update_features", 0),
    60: ("describe_cluster", 0),
    61: ("describe_producers", 0),
    64: ("unregister_broker", 0),
    65: ("describe_transactions", 0),
    66: ("list_transactions", 0),
    68: ("consumer_group_heartbeat", 0),
    69: ("consumer_group_describe", 0),
    71: ("get_telemetry_subscriptions", 0),
    72: ("push_telemetry", 0),
    74: ("list_client_metrics_resources", 0),
    75: ("describe_topic_partitions", 0),
}

NAME_TO_KEY = {name: key for key, (name, _) in APIS.items()}


def api_name(key):
    entry = APIS.get(key)
    return entry[0] if entry else "api%d" % key


def is_flexible(key, version):
    entry = APIS.get(key)
    return bool(entry) and entry[1] is not None and version >= entry[1]


def request_header_version(key, version):
    if key == 7 and version == 0:
        return 0
    return 2 if is_flexible(key, version) else 1


def response_header_version(key, version):
    if key == 18:  # ApiVersions responses always use header v0
        return 0
    return 1 if is_flexible(key, version) else 0
