# One place for the flags every project target gets.
function(helios_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wimplicit-fallthrough -Wswitch)
  if(HELIOS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(HELIOS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
