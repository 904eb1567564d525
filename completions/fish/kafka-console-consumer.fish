function __kafka-console-consumer_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-console-consumer_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kafka-console-consumer_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-console-consumer_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kafka-console-consumer_parse_tokens -S
    set -l unparsed_tokens (__kafka-console-consumer_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kafka-console-consumer'
        __kafka-console-consumer_parse_subcommand 0 'bootstrap-server=' 'topic=' 'include=' 'partition=' 'offset=' 'group=' 'from-beginning' 'max-messages=' 'timeout-ms=' 'formatter=' 'formatter-property=+' 'property=+' 'formatter-config=' 'command-property=+' 'consumer-property=+' 'command-config=' 'consumer.config=' 'key-deserializer=' 'value-deserializer=' 'isolation-level=' 'skip-message-on-error' 'enable-systest-events' 'output=' 'version' 'help'
        switch $unparsed_tokens[1]
        case 'help'
            __kafka-console-consumer_parse_subcommand -r 1 
        end
    end
end

function __kafka-console-consumer_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kafka-console-consumer_parse_subcommand -S -a positional_count
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

function __kafka-console-consumer_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kafka-console-consumer_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kafka-console-consumer_tokens -p)
    if test -z "$(__kafka-console-consumer_tokens -t)"
        set -l index (count (__kafka-console-consumer_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kafka-console-consumer' -f
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" bootstrap-server' -l 'bootstrap-server' -d 'REQUIRED: The server(s) to connect to.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" topic' -l 'topic' -d 'The topic to consume from.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" include' -l 'include' -d 'Regular expression specifying list of topics to include for consumption.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" partition' -l 'partition' -d 'The partition to consume from. Consumption starts from the end of the partition unless \'--offset\' is specified.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" offset' -l 'offset' -d 'The offset to consume from (a non-negative number), or \'earliest\' which means from beginning, or \'latest\' which means from end (default: latest). Not in Apache\'s tool: -N for the last N offsets, @<epoch-ms> or an ISO-8601 time (2024-05-01T12:00:00Z) for the first offset at or after that time.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" group' -l 'group' -d 'The consumer group id of the consumer.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" from-beginning' -l 'from-beginning' -d 'If the consumer does not already have an established offset to consume from, start with the earliest message present in the log rather than the latest message.'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" max-messages' -l 'max-messages' -d 'The maximum number of messages to consume before exiting. If not set, consumption is continual.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" timeout-ms' -l 'timeout-ms' -d 'If specified, exit if no message is available for consumption for the specified interval.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" formatter' -l 'formatter' -d 'The name of a class to use for formatting kafka messages for display. (default: org.apache.kafka.tools.consumer.DefaultMessageFormatter)' -rfka 'org.apache.kafka.tools.consumer.DefaultMessageFormatter org.apache.kafka.tools.consumer.LoggingMessageFormatter org.apache.kafka.tools.consumer.NoOpMessageFormatter'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer"' -l 'formatter-property' -d 'The properties to initialize the message formatter: print.timestamp, print.key, print.offset, print.epoch, print.partition, print.headers, print.value (true|false), key.separator, line.separator, headers.separator, null.literal, key.deserializer, value.deserializer, headers.deserializer, and settings for the deserializers under \'key.deserializer.\', \'value.deserializer.\' and \'headers.deserializer.\'.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer"' -l 'property' -d '(DEPRECATED) The properties to initialize the message formatter. This option will be removed in a future version. Use --formatter-property instead.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" formatter-config' -l 'formatter-config' -d 'Config properties file to initialize the message formatter. Note that [formatter-property] takes precedence over this config.' -rF
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer"' -l 'command-property' -d 'Consumer config properties in the form key=value.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer"' -l 'consumer-property' -d '(DEPRECATED) Consumer config properties in the form key=value. This option will be removed in a future version. Use --command-property instead.' -rfka ''
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" command-config' -l 'command-config' -d 'Consumer config properties file. Note that [command-property] takes precedence over this config.' -rF
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" consumer.config' -l 'consumer.config' -d '(DEPRECATED) Consumer config properties file. Note that [command-property] takes precedence over this config. This option will be removed in a future version. Use --command-config instead.' -rF
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" key-deserializer' -l 'key-deserializer' -d 'The name of the class to use for deserializing keys.' -rfka 'org.apache.kafka.common.serialization.StringDeserializer org.apache.kafka.common.serialization.LongDeserializer org.apache.kafka.common.serialization.IntegerDeserializer org.apache.kafka.common.serialization.ShortDeserializer org.apache.kafka.common.serialization.DoubleDeserializer org.apache.kafka.common.serialization.FloatDeserializer org.apache.kafka.common.serialization.UUIDDeserializer org.apache.kafka.common.serialization.BooleanDeserializer org.apache.kafka.common.serialization.ByteArrayDeserializer org.apache.kafka.common.serialization.ByteBufferDeserializer org.apache.kafka.common.serialization.BytesDeserializer org.apache.kafka.common.serialization.VoidDeserializer'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" value-deserializer' -l 'value-deserializer' -d 'The name of the class to use for deserializing values.' -rfka 'org.apache.kafka.common.serialization.StringDeserializer org.apache.kafka.common.serialization.LongDeserializer org.apache.kafka.common.serialization.IntegerDeserializer org.apache.kafka.common.serialization.ShortDeserializer org.apache.kafka.common.serialization.DoubleDeserializer org.apache.kafka.common.serialization.FloatDeserializer org.apache.kafka.common.serialization.UUIDDeserializer org.apache.kafka.common.serialization.BooleanDeserializer org.apache.kafka.common.serialization.ByteArrayDeserializer org.apache.kafka.common.serialization.ByteBufferDeserializer org.apache.kafka.common.serialization.BytesDeserializer org.apache.kafka.common.serialization.VoidDeserializer'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" isolation-level' -l 'isolation-level' -d 'Set to read_committed in order to filter out transactional messages which are not committed. Set to read_uncommitted to read all messages. (default: read_uncommitted)' -rfka 'read_uncommitted read_committed'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" skip-message-on-error' -l 'skip-message-on-error' -d 'If there is an error when processing a message, skip it instead of halt.'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" enable-systest-events' -l 'enable-systest-events' -d 'Log lifecycle events of the consumer in addition to logging consumed messages. (This is specific for system tests.)'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" output' -l 'output' -d 'Not in Apache\'s tool: print each record as one JSON object per line with kcat -J\'s fields (see docs/json-output.md).' -rfka 'text json'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" version' -l 'version' -d 'Display Kafka version.'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_flags_or_options "kafka-console-consumer" help' -l 'help' -d 'Show help information.'
complete -c 'kafka-console-consumer' -n '__kafka-console-consumer_should_offer_completions_for_positional "kafka-console-consumer" -eq 1' -fa 'help' -d 'Show subcommand help information.'
