#!/bin/sh
# README's table of commands (issue 12 #25): every command `mtrack --help`
# lists has a row, and the row names every option its `--help` lists.
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
R=$TOP/README.md
"$M" --help >top.txt 2>&1 || { fail readme_help "mtrack --help failed"; exit 0; }
cmds=$(sed -n '/^Commands:/,/^$/p' top.txt | awk 'NR > 1 && NF { print $1 }')
[ -n "$cmds" ] || { fail readme_commands "no commands in mtrack --help"; exit 0; }
missing=""
for c in $cmds help; do
    row=$(grep -F "| \`$c" "$R" | head -n 1)
    if [ -z "$row" ]; then
        missing="$missing [$c: no row]"
        continue
    fi
    [ "$c" = help ] && continue
    "$M" "$c" --help >h.txt 2>&1
    # the options of the help's option lines ("  --name ARG  what", "  -o FILE")
    # and those of its usage lines (up to the first blank line)
    opts=$( (grep -E '^ +--?[a-z]' h.txt | awk '{ print $1 }'
        sed '/^$/q' h.txt | grep -oE '\[--?[a-z][a-z-]*' | tr -d '[') | sed 's/[,=].*//' | sort -u)
    for opt in $opts; do
        case "$opt" in --help | --db) continue ;; esac
        printf '%s\n' "$row" | grep -qF -- "$opt" || missing="$missing [$c $opt]"
    done
done
if [ -z "$missing" ]; then pass readme_every_option_of_every_command; else fail readme_every_option_of_every_command "not in README's table:$missing"; fi
