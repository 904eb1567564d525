function __kafka-configs_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-configs_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __kafka-configs_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __kafka-configs_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __kafka-configs_parse_tokens -S
    set -l unparsed_tokens (__kafka-configs_tokens -pc)
    switch $unparsed_tokens[1]
    case 'kafka-configs'
        __kafka-configs_parse_subcommand 0 'bootstrap-server=' 'bootstrap-controller=' 'command-config=' 'alter' 'describe' 'all' 'entity-type=+' 'entity-name=+' 'entity-default' 'add-config=' 'add-config-file=' 'delete-config=+' 'force' 'topic=' 'client=' 'client-defaults' 'user=' 'user-defaults' 'broker=' 'broker-defaults' 'broker-logger=' 'ip-defaults' 'ip=' 'group=' 'client-metrics=' 'output=' 'version' 'help'
        switch $unparsed_tokens[1]
        case 'help'
            __kafka-configs_parse_subcommand -r 1 
        end
    end
end

function __kafka-configs_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __kafka-configs_parse_subcommand -S -a positional_count
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

function __kafka-configs_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __kafka-configs_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__kafka-configs_tokens -p)
    if test -z "$(__kafka-configs_tokens -t)"
        set -l index (count (__kafka-configs_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'kafka-configs' -f
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" bootstrap-server' -l 'bootstrap-server' -d 'The Kafka servers to connect to.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" bootstrap-controller' -l 'bootstrap-controller' -d 'The Kafka controllers to connect to (not supported yet: use --bootstrap-server).' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" command-config' -l 'command-config' -d 'Property file containing configs to be passed to Admin Client. This is used only with --bootstrap-server option for describing and altering broker configs.' -rF
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" alter' -l 'alter' -d 'Alter the configuration for the entity.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" describe' -l 'describe' -d 'List configs for the given entity.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" all' -l 'all' -d 'List all configs for the given entity, including static configs if available.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs"' -l 'entity-type' -d 'Type of entity (topics/clients/users/brokers/broker-loggers/ips/client-metrics/groups)' -rfka 'topics clients users brokers ips broker-loggers client-metrics groups'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs"' -l 'entity-name' -d 'Name of entity (topic name/client id/user principal name/broker id/ip/client metrics/group id)' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" entity-default' -l 'entity-default' -d 'Default entity name for clients/users/brokers/ips (applies to corresponding entity type)'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" add-config' -l 'add-config' -d 'Key Value pairs of configs to add. Square brackets can be used to group values which contain commas: \'k1=v1,k2=[v1,v2,v2],k3=v3\'. Entity types \'users\' and \'clients\' may be specified together to update config for clients of a specific user.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" add-config-file' -l 'add-config-file' -d 'Path to a properties file with configs to add. See add-config for a list of valid configurations.' -rF
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs"' -l 'delete-config' -d 'config keys to remove \'k1,k2\'' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" force' -l 'force' -d 'Suppress console prompts'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" topic' -l 'topic' -d 'The topic\'s name.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" client' -l 'client' -d 'The client\'s ID.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" client-defaults' -l 'client-defaults' -d 'The config defaults for all clients.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" user' -l 'user' -d 'The user\'s principal name.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" user-defaults' -l 'user-defaults' -d 'The config defaults for all users.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" broker' -l 'broker' -d 'The broker\'s ID.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" broker-defaults' -l 'broker-defaults' -d 'The config defaults for all brokers.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" broker-logger' -l 'broker-logger' -d 'The broker\'s ID for its logger config.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" ip-defaults' -l 'ip-defaults' -d 'The config defaults for all IPs.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" ip' -l 'ip' -d 'The IP address.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" group' -l 'group' -d 'The group\'s ID.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" client-metrics' -l 'client-metrics' -d 'The client metrics config resource name.' -rfka ''
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" output' -l 'output' -d 'Not in Apache\'s tool: print --describe as JSON (see docs/json-output.md).' -rfka 'text json'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" version' -l 'version' -d 'Display Kafka version.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_flags_or_options "kafka-configs" help' -l 'help' -d 'Show help information.'
complete -c 'kafka-configs' -n '__kafka-configs_should_offer_completions_for_positional "kafka-configs" -eq 1' -fa 'help' -d 'Show subcommand help information.'
