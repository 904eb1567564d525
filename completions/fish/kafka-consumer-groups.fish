function __kafka-consumer-groups_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-consumer-groups_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kafka-consumer-groups_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-consumer-groups_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kafka-consumer-groups_parse_tokens -S
    set -l unparsed_tokens (__kafka-consumer-groups_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kafka-consumer-groups'
        __kafka-consumer-groups_parse_subcommand 0 'bootstrap-server=' 'command-config=' 'list' 'describe' 'delete' 'reset-offsets' 'delete-offsets' 'validate-regex=' 'group=+' 'all-groups' 'topic=+' 'all-topics' 'members' 'offsets' 'state=' 'type=' 'verbose' 'timeout=' 'dry-run' 'execute' 'export' 'to-offset=' 'from-file=' 'to-datetime=' 'by-duration=' 'to-earliest' 'to-latest' 'to-current' 'shift-by=' 'output=' 'watch=' 'version' 'help'
        switch $unparsed_tokens[1]
        case 'help'
            __kafka-consumer-groups_parse_subcommand -r 1 
        end
    end
end

function __kafka-consumer-groups_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kafka-consumer-groups_parse_subcommand -S -a positional_count
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

function __kafka-consumer-groups_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kafka-consumer-groups_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kafka-consumer-groups_tokens -p)
    if test -z "$(__kafka-consumer-groups_tokens -t)"
        set -l index (count (__kafka-consumer-groups_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kafka-consumer-groups' -f
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" bootstrap-server' -l 'bootstrap-server' -d 'REQUIRED: The server(s) to connect to.' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" command-config' -l 'command-config' -d 'Property file containing configs to be passed to Admin Client and Consumer.' -rF
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" list' -l 'list' -d 'List all consumer groups.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" describe' -l 'describe' -d 'Describe consumer group and list offset lag (number of messages not yet processed) related to given group.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" delete' -l 'delete' -d 'Pass in groups to delete topic partition offsets and ownership information over the entire consumer group. For instance --group g1 --group g2'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" reset-offsets' -l 'reset-offsets' -d 'Reset offsets of consumer group. Supports one consumer group at the time, and instances should be inactive. Has 2 execution options: --dry-run (the default) to plan which offsets to reset, and --execute to update the offsets. Additionally, the --export option is used to export the results to a CSV format. You must choose one of the following reset specifications: --to-datetime, --by-duration, --to-earliest, --to-latest, --shift-by, --from-file, --to-current, --to-offset. To define the scope use --all-topics or --topic. One scope must be specified unless you use \'--from-file\'.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" delete-offsets' -l 'delete-offsets' -d 'Delete offsets of consumer group. Supports one consumer group at the time, and multiple topics.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" validate-regex' -l 'validate-regex' -d 'Validate that the syntax of the provided regular expression is valid according to the RE2 format.' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups"' -l 'group' -d 'The consumer group we wish to act on.' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" all-groups' -l 'all-groups' -d 'Apply to all consumer groups.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups"' -l 'topic' -d 'The topic whose consumer group information should be deleted or topic whose should be included in the reset offset process. In `reset-offsets` case, partitions can be specified using this format: `topic1:0,1,2`, where 0,1,2 are the partition to be included in the process. Reset-offsets also supports multiple topic inputs.' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" all-topics' -l 'all-topics' -d 'Consider all topics assigned to a group in the `reset-offsets` process.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" members' -l 'members' -d 'Describe members of the group. This option may be used with \'--describe\' and \'--bootstrap-server\' options only.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" offsets' -l 'offsets' -d 'Describe the group and list all topic partitions in the group along with their offset lag. This is the default sub-action of and may be used with \'--describe\' and \'--bootstrap-server\' options only.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" state' -l 'state' -d 'When specified with \'--describe\', includes the state of the group. When specified with \'--list\', it displays the state of all groups. It can also be used to list groups with specific states (for example stable,empty).' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" type' -l 'type' -d 'When specified with \'--list\', it displays the types of all the groups. It can also be used to list groups with specific types (for example classic,consumer).' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" verbose' -l 'verbose' -d 'Provide additional information, if any, when describing the group. This option may be used with \'--offsets\'/\'--members\'/\'--state\' and \'--bootstrap-server\' options only.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" timeout' -l 'timeout' -d 'The timeout that can be set for some use cases. For example, it can be used when describing the group to specify the maximum amount of time in milliseconds to wait before the group stabilizes (default: 5000).' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" dry-run' -l 'dry-run' -d 'Only show results without executing changes on Consumer Groups. Supported operations: reset-offsets.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" execute' -l 'execute' -d 'Execute operation. Supported operations: reset-offsets.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" export' -l 'export' -d 'Export operation execution to a CSV file. Supported operations: reset-offsets.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" to-offset' -l 'to-offset' -d 'Reset offsets to a specific offset.' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" from-file' -l 'from-file' -d 'Reset offsets to values defined in CSV file.' -rF
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" to-datetime' -l 'to-datetime' -d 'Reset offsets to offset from datetime. Format: \'YYYY-MM-DDTHH:mm:SS.sss\'' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" by-duration' -l 'by-duration' -d 'Reset offsets to offset by duration from current timestamp. Format: \'PnDTnHnMnS\'' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" to-earliest' -l 'to-earliest' -d 'Reset offsets to earliest offset.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" to-latest' -l 'to-latest' -d 'Reset offsets to latest offset.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" to-current' -l 'to-current' -d 'Reset offsets to current offset.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" shift-by' -l 'shift-by' -d 'Reset offsets shifting current offset by \'n\', where \'n\' can be positive or negative.' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" output' -l 'output' -d 'Not in Apache\'s tool: print --list or --describe as JSON (see docs/json-output.md).' -rfka 'text json'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" watch' -l 'watch' -d 'Not in Apache\'s tool: with --describe, print the description again every SECONDS (the screen cleared first on a terminal) until Ctrl-C or SIGTERM, then exit 0.' -rfka ''
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" version' -l 'version' -d 'Display Kafka version.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_flags_or_options "kafka-consumer-groups" help' -l 'help' -d 'Show help information.'
complete -c 'kafka-consumer-groups' -n '__kafka-consumer-groups_should_offer_completions_for_positional "kafka-consumer-groups" -eq 1' -fa 'help' -d 'Show subcommand help information.'
