function __kafka-topics_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-topics_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kafka-topics_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-topics_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kafka-topics_parse_tokens -S
    set -l unparsed_tokens (__kafka-topics_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kafka-topics'
        __kafka-topics_parse_subcommand 0 'bootstrap-server=' 'command-config=' 'list' 'create' 'delete' 'alter' 'describe' 'topic=' 'topic-id=' 'config=+' 'delete-config=+' 'partitions=' 'replication-factor=' 'replica-assignment=' 'under-replicated-partitions' 'unavailable-partitions' 'under-min-isr-partitions' 'at-min-isr-partitions' 'topics-with-overrides' 'if-exists' 'if-not-exists' 'exclude-internal' 'partition-size-limit-per-response=' 'output=' 'version' 'help'
        switch $unparsed_tokens[1]
        case 'help'
            __kafka-topics_parse_subcommand -r 1 
        end
    end
end

function __kafka-topics_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kafka-topics_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __kafka-topics_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kafka-topics_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kafka-topics_tokens -p)
    if test -z "$(__kafka-topics_tokens -t)"
        set -l index (count (__kafka-topics_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kafka-topics' -f
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" bootstrap-server' -l 'bootstrap-server' -d 'REQUIRED: The Kafka server to connect to.' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" command-config' -l 'command-config' -d 'Property file containing configs to be passed to Admin Client.' -rF
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" list' -l 'list' -d 'List all available topics.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" create' -l 'create' -d 'Create a new topic.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" delete' -l 'delete' -d 'Delete a topic.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" alter' -l 'alter' -d 'Alter the number of partitions and replica assignment. (To alter topic configurations, the kafka-configs tool can be used.)'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" describe' -l 'describe' -d 'List details for the given topics.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" topic' -l 'topic' -d 'The topic to create, alter, describe or delete. It also accepts a regular expression, except for --create option.' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" topic-id' -l 'topic-id' -d 'The topic-id to describe.' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics"' -l 'config' -d 'A topic configuration override for the topic being created. See the Kafka documentation for full details on the topic configs. It is supported only in combination with --create. (To alter topic configurations, the kafka-configs tool can be used.)' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics"' -l 'delete-config' -d 'This option is no longer supported and has been deprecated since 4.0' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" partitions' -l 'partitions' -d 'The number of partitions for the topic being created or altered. If not supplied with --create, the topic uses the cluster default. (WARNING: If partitions are increased for a topic that has a key, the partition logic or ordering of the messages will be affected).' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" replication-factor' -l 'replication-factor' -d 'The replication factor for each partition in the topic being created. If not supplied, the topic uses the cluster default.' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" replica-assignment' -l 'replica-assignment' -d 'A list of manual partition-to-broker assignments for the topic being created or altered.' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" under-replicated-partitions' -l 'under-replicated-partitions' -d 'If set when describing topics, only show under-replicated partitions.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" unavailable-partitions' -l 'unavailable-partitions' -d 'If set when describing topics, only show partitions whose leader is not available.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" under-min-isr-partitions' -l 'under-min-isr-partitions' -d 'If set when describing topics, only show partitions whose isr count is less than the configured minimum.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" at-min-isr-partitions' -l 'at-min-isr-partitions' -d 'If set when describing topics, only show partitions whose isr count is equal to the configured minimum.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" topics-with-overrides' -l 'topics-with-overrides' -d 'If set when describing topics, only show topics that have overridden configs.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" if-exists' -l 'if-exists' -d 'If set when altering or deleting or describing topics, the action will only execute if the topic exists.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" if-not-exists' -l 'if-not-exists' -d 'If set when creating topics, the create request will not fail if the topic already exists, but the request will still be sent.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" exclude-internal' -l 'exclude-internal' -d 'Exclude internal topics when listing or describing topics. By default, the internal topics are included.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" partition-size-limit-per-response' -l 'partition-size-limit-per-response' -d 'The maximum partition size to be included in one DescribeTopicPartitions response.' -rfka ''
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" output' -l 'output' -d 'Not in Apache\'s tool: print --list or --describe as JSON (see docs/json-output.md).' -rfka 'text json'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" version' -l 'version' -d 'Display Kafka version.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_flags_or_options "kafka-topics" help' -l 'help' -d 'Show help information.'
complete -c 'kafka-topics' -n '__kafka-topics_should_offer_completions_for_positional "kafka-topics" -eq 1' -fa 'help' -d 'Show subcommand help information.'
