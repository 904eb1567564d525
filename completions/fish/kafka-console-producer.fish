function __kafka-console-producer_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-console-producer_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kafka-console-producer_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-console-producer_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kafka-console-producer_parse_tokens -S
    set -l unparsed_tokens (__kafka-console-producer_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kafka-console-producer'
        __kafka-console-producer_parse_subcommand 0 'topic=' 'bootstrap-server=' 'sync' 'compression-codec=' 'batch-size=' 'message-send-max-retries=' 'retry-backoff-ms=' 'timeout=' 'request-required-acks=' 'request-timeout-ms=' 'metadata-expiry-ms=' 'max-block-ms=' 'max-memory-bytes=' 'max-partition-memory-bytes=' 'line-reader=' 'socket-buffer-size=' 'property=+' 'reader-property=+' 'reader-config=' 'producer-property=+' 'command-property=+' 'producer.config=' 'command-config=' 'version' 'help'
        switch $unparsed_tokens[1]
        case 'help'
            __kafka-console-producer_parse_subcommand -r 1 
        end
    end
end

function __kafka-console-producer_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kafka-console-producer_parse_subcommand -S -a positional_count
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

function __kafka-console-producer_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kafka-console-producer_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kafka-console-producer_tokens -p)
    if test -z "$(__kafka-console-producer_tokens -t)"
        set -l index (count (__kafka-console-producer_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kafka-console-producer' -f
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" topic' -l 'topic' -d 'REQUIRED: The topic name to produce messages to.' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" bootstrap-server' -l 'bootstrap-server' -d 'REQUIRED: The server(s) to connect to. The broker list string in the form HOST1:PORT1,HOST2:PORT2.' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" sync' -l 'sync' -d 'If set message send requests to the brokers are synchronously, one at a time as they arrive.'
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" compression-codec' -l 'compression-codec' -d 'The compression codec: either \'none\', \'gzip\', \'snappy\', \'lz4\', or \'zstd\'. If specified without value, then it defaults to \'gzip\'' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" batch-size' -l 'batch-size' -d 'Number of messages to send in a single batch if they are not being sent synchronously. Please note that this option will be replaced if max-partition-memory-bytes is also set. (default: 16384)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" message-send-max-retries' -l 'message-send-max-retries' -d 'Brokers can fail receiving the message for multiple reasons, and being unavailable transiently is just one of them. This property specifies the number of retries before the producer give up and drop this message. This is the option to control `retries` in producer configs. (default: 3)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" retry-backoff-ms' -l 'retry-backoff-ms' -d 'Before each retry, the producer refreshes the metadata of relevant topics. Since leader election takes a bit of time, this property specifies the amount of time that the producer waits before refreshing the metadata. This is the option to control `retry.backoff.ms` in producer configs. (default: 100)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" timeout' -l 'timeout' -d 'If set and the producer is running in asynchronous mode, this gives the maximum amount of time a message will queue awaiting sufficient batch size. The value is given in ms. This is the option to control `linger.ms` in producer configs. (default: 1000)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" request-required-acks' -l 'request-required-acks' -d 'The required `acks` of the producer requests (default: -1)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" request-timeout-ms' -l 'request-timeout-ms' -d 'The ack timeout of the producer requests. Value must be non-negative and non-zero. (default: 1500)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" metadata-expiry-ms' -l 'metadata-expiry-ms' -d 'The period of time in milliseconds after which we force a refresh of metadata even if we haven\'t seen any leadership changes. This is the option to control `metadata.max.age.ms` in producer configs. (default: 300000)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" max-block-ms' -l 'max-block-ms' -d 'The max time that the producer will block for during a send request. (default: 60000)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" max-memory-bytes' -l 'max-memory-bytes' -d 'The total memory used by the producer to buffer records waiting to be sent to the server. This is the option to control `buffer.memory` in producer configs. (default: 33554432)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" max-partition-memory-bytes' -l 'max-partition-memory-bytes' -d 'The buffer size allocated for a partition. When records are received which are smaller than this size the producer will attempt to optimistically group them together until this size is reached. This is the option to control `batch.size` in producer configs. (default: 16384)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" line-reader' -l 'line-reader' -d 'The class name of the class to use for reading lines from standard in. By default each line is read as a separate message. Only org.apache.kafka.tools.LineMessageReader is available here.' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" socket-buffer-size' -l 'socket-buffer-size' -d 'The size of the tcp RECV size. This is the option to control `send.buffer.bytes` in producer configs. (default: 102400)' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer"' -l 'property' -d '(DEPRECATED) A mechanism to pass user-defined properties in the form key=value to the message reader. This option will be removed in a future version. Use --reader-property instead.' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer"' -l 'reader-property' -d 'A mechanism to pass user-defined properties in the form key=value to the message reader. This allows custom configuration for a user-defined message reader.
Default properties include:
 parse.key=false
 parse.headers=false
 ignore.error=false
 key.separator=\\t
 headers.delimiter=\\t
 headers.separator=,
 headers.key.separator=:
 null.marker=   When set, any fields (key, value and headers) equal to this will be replaced by null
Default parsing pattern when:
 parse.headers=true and parse.key=true:
  "h1:v1,h2:v2...\\tkey\\tvalue"
 parse.key=true:
  "key\\tvalue"
 parse.headers=true:
  "h1:v1,h2:v2...\\tvalue"' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" reader-config' -l 'reader-config' -d 'Config properties file for the message reader. Note that [reader-property] takes precedence over this config.' -rF
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer"' -l 'producer-property' -d '(DEPRECATED) Producer config properties in the form key=value. This option will be removed in a future version. Use --command-property instead.' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer"' -l 'command-property' -d 'Producer config properties in the form key=value.' -rfka ''
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" producer.config' -l 'producer.config' -d '(DEPRECATED) Producer config properties file. Note that [command-property] takes precedence over this config. This option will be removed in a future version. Use --command-config instead.' -rF
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" command-config' -l 'command-config' -d 'Producer config properties file. Note that [command-property] takes precedence over this config.' -rF
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" version' -l 'version' -d 'Display Kafka version.'
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_flags_or_options "kafka-console-producer" help' -l 'help' -d 'Show help information.'
complete -c 'kafka-console-producer' -n '__kafka-console-producer_should_offer_completions_for_positional "kafka-console-producer" -eq 1' -fa 'help' -d 'Show subcommand help information.'
