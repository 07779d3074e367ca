# An id list continued after a comma, over several lines, with a blank line
# and a comment in between.
rule SC1: Be honest with the user.
  see: SC2,
    SC3, SC4,
    SC5,

    # the privacy rules
    privacy-2
  overrides: SC6,
    SC7
