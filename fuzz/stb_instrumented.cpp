// stb_image compiled into fuzz_image itself (instead of Debian's libstb.so) so libFuzzer sees coverage inside
// the decoders, where an image file's bytes actually go. Same header, same version as the app uses.
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
