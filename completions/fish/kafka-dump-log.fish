function __kafka-dump-log_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-dump-log_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kafka-dump-log_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-dump-log_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kafka-dump-log_parse_tokens -S
    set -l unparsed_tokens (__kafka-dump-log_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kafka-dump-log'
        __kafka-dump-log_parse_subcommand 0 'files=' 'deep-iteration' 'print-data-log' 'skip-record-metadata' 'max-bytes=' 'max-message-size=' 'verify-index-only' 'index-sanity-check' 'key-decoder-class=' 'value-decoder-class=' 'offsets-decoder' 'transaction-log-decoder' 'verify' 'output=' 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'help'
            __kafka-dump-log_parse_subcommand -r 1 'version'
        end
    end
end

function __kafka-dump-log_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kafka-dump-log_parse_subcommand -S -a positional_count
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

function __kafka-dump-log_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kafka-dump-log_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kafka-dump-log_tokens -p)
    if test -z "$(__kafka-dump-log_tokens -t)"
        set -l index (count (__kafka-dump-log_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kafka-dump-log' -f
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" files' -l 'files' -d 'REQUIRED: The comma separated list of data and index log files to be dumped.' -rfka ''
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" deep-iteration' -l 'deep-iteration' -d 'If set, uses deep instead of shallow iteration. Automatically set if print-data-log is enabled.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" print-data-log' -l 'print-data-log' -d 'If set, printing the messages content when dumping data logs.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" skip-record-metadata' -l 'skip-record-metadata' -d 'Whether to skip printing metadata for each record.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" max-bytes' -l 'max-bytes' -d 'Limit the amount of total batches read in bytes avoiding reading the whole .log file(s).' -rfka ''
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" max-message-size' -l 'max-message-size' -d 'Size of largest message.' -rfka ''
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" verify-index-only' -l 'verify-index-only' -d 'If set, just verify the index log without printing its content.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" index-sanity-check' -l 'index-sanity-check' -d 'If set, just checks the index sanity without printing its content. This is the same check that is executed on broker startup to determine if an index needs rebuilding or not.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" key-decoder-class' -l 'key-decoder-class' -d 'If set, used to deserialize the keys. This class should implement org.apache.kafka.tools.api.Decoder trait. Custom jar should be available in kafka/libs directory.' -rfka ''
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" value-decoder-class' -l 'value-decoder-class' -d 'If set, used to deserialize the messages. This class should implement org.apache.kafka.tools.api.Decoder trait. Custom jar should be available in kafka/libs directory.' -rfka ''
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" offsets-decoder' -l 'offsets-decoder' -d 'If set, log data will be parsed as offset data from the __consumer_offsets topic.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" transaction-log-decoder' -l 'transaction-log-decoder' -d 'If set, log data will be parsed as transaction metadata from the __transaction_state topic.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" verify' -l 'verify' -d 'Check every batch of the .log files (CRC, offsets, trailing bytes) and print one summary line per file; exit 1 when anything is invalid. (Not in Apache\'s tool.)'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" output' -l 'output' -d 'Output format: text (Apache\'s) or json (one object per line; see docs/json-output.md). (Not in Apache\'s tool.)' -rfka ''
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" version' -l 'version' -d 'Show the version.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_positional "kafka-dump-log" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'kafka-dump-log' -n '__kafka-dump-log_should_offer_completions_for_flags_or_options "kafka-dump-log help" version' -l 'version' -d 'Show the version.'
