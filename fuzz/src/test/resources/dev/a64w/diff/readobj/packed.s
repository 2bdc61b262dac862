	// Frames LLVM MC packs into .pdata (Flag 1): every CR, RegI/RegF mixes, locsz over 512 and
	// over 4080. Each epilogue is its prologue reversed (without the final mov x29, sp).
	.text
	.globl p_alloc
	.p2align 2
p_alloc:
	.seh_proc p_alloc
	sub sp, sp, #32
	.seh_stackalloc 32
	.seh_endprologue
	nop
	.seh_startepilogue
	add sp, sp, #32
	.seh_stackalloc 32
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_fplr
	.p2align 2
p_fplr:
	.seh_proc p_fplr
	stp x29, x30, [sp, #-16]!
	.seh_save_fplr_x 16
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp], #16
	.seh_save_fplr_x 16
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_fplr_locals
	.p2align 2
p_fplr_locals:
	.seh_proc p_fplr_locals
	stp x29, x30, [sp, #-64]!
	.seh_save_fplr_x 64
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp], #64
	.seh_save_fplr_x 64
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_r19r20_fplr
	.p2align 2
p_r19r20_fplr:
	.seh_proc p_r19r20_fplr
	stp x19, x20, [sp, #-16]!
	.seh_save_regp_x x19, 16
	stp x29, x30, [sp, #-16]!
	.seh_save_fplr_x 16
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp], #16
	.seh_save_fplr_x 16
	ldp x19, x20, [sp], #16
	.seh_save_regp_x x19, 16
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_pac
	.p2align 2
p_pac:
	.seh_proc p_pac
	pacibsp
	.seh_pac_sign_lr
	stp x29, x30, [sp, #-16]!
	.seh_save_fplr_x 16
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp], #16
	.seh_save_fplr_x 16
	autibsp
	.seh_pac_sign_lr
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_lr_only
	.p2align 2
p_lr_only:
	.seh_proc p_lr_only
	str x30, [sp, #-16]!
	.seh_save_reg_x x30, 16
	.seh_endprologue
	nop
	.seh_startepilogue
	ldr x30, [sp], #16
	.seh_save_reg_x x30, 16
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_regi2_lr
	.p2align 2
p_regi2_lr:
	.seh_proc p_regi2_lr
	stp x19, x20, [sp, #-32]!
	.seh_save_regp_x x19, 32
	str x30, [sp, #16]
	.seh_save_reg x30, 16
	.seh_endprologue
	nop
	.seh_startepilogue
	ldr x30, [sp, #16]
	.seh_save_reg x30, 16
	ldp x19, x20, [sp], #32
	.seh_save_regp_x x19, 32
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_regi3_lrpair
	.p2align 2
p_regi3_lrpair:
	.seh_proc p_regi3_lrpair
	stp x19, x20, [sp, #-32]!
	.seh_save_regp_x x19, 32
	stp x21, x30, [sp, #16]
	.seh_save_lrpair x21, 16
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x21, x30, [sp, #16]
	.seh_save_lrpair x21, 16
	ldp x19, x20, [sp], #32
	.seh_save_regp_x x19, 32
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_regi1
	.p2align 2
p_regi1:
	.seh_proc p_regi1
	str x19, [sp, #-16]!
	.seh_save_reg_x x19, 16
	sub sp, sp, #16
	.seh_stackalloc 16
	.seh_endprologue
	nop
	.seh_startepilogue
	add sp, sp, #16
	.seh_stackalloc 16
	ldr x19, [sp], #16
	.seh_save_reg_x x19, 16
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_regi5_regf3
	.p2align 2
p_regi5_regf3:
	.seh_proc p_regi5_regf3
	stp x19, x20, [sp, #-80]!
	.seh_save_regp_x x19, 80
	stp x21, x22, [sp, #16]
	.seh_save_regp x21, 16
	str x23, [sp, #32]
	.seh_save_reg x23, 32
	stp d8, d9, [sp, #40]
	.seh_save_fregp d8, 40
	stp d10, d11, [sp, #56]
	.seh_save_fregp d10, 56
	stp x29, x30, [sp, #-16]!
	.seh_save_fplr_x 16
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp], #16
	.seh_save_fplr_x 16
	ldp d10, d11, [sp, #56]
	.seh_save_fregp d10, 56
	ldp d8, d9, [sp, #40]
	.seh_save_fregp d8, 40
	ldr x23, [sp, #32]
	.seh_save_reg x23, 32
	ldp x21, x22, [sp, #16]
	.seh_save_regp x21, 16
	ldp x19, x20, [sp], #80
	.seh_save_regp_x x19, 80
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_regf_only
	.p2align 2
p_regf_only:
	.seh_proc p_regf_only
	stp d8, d9, [sp, #-32]!
	.seh_save_fregp_x d8, 32
	str d10, [sp, #16]
	.seh_save_freg d10, 16
	.seh_endprologue
	nop
	.seh_startepilogue
	ldr d10, [sp, #16]
	.seh_save_freg d10, 16
	ldp d8, d9, [sp], #32
	.seh_save_fregp_x d8, 32
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_regi10
	.p2align 2
p_regi10:
	.seh_proc p_regi10
	stp x19, x20, [sp, #-80]!
	.seh_save_regp_x x19, 80
	stp x21, x22, [sp, #16]
	.seh_save_regp x21, 16
	stp x23, x24, [sp, #32]
	.seh_save_regp x23, 32
	stp x25, x26, [sp, #48]
	.seh_save_regp x25, 48
	stp x27, x28, [sp, #64]
	.seh_save_regp x27, 64
	sub sp, sp, #48
	.seh_stackalloc 48
	.seh_endprologue
	nop
	.seh_startepilogue
	add sp, sp, #48
	.seh_stackalloc 48
	ldp x27, x28, [sp, #64]
	.seh_save_regp x27, 64
	ldp x25, x26, [sp, #48]
	.seh_save_regp x25, 48
	ldp x23, x24, [sp, #32]
	.seh_save_regp x23, 32
	ldp x21, x22, [sp, #16]
	.seh_save_regp x21, 16
	ldp x19, x20, [sp], #80
	.seh_save_regp_x x19, 80
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_big_locals
	.p2align 2
p_big_locals:
	.seh_proc p_big_locals
	stp x19, x20, [sp, #-16]!
	.seh_save_regp_x x19, 16
	sub sp, sp, #1024
	.seh_stackalloc 1024
	stp x29, x30, [sp, #0]
	.seh_save_fplr 0
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp, #0]
	.seh_save_fplr 0
	add sp, sp, #1024
	.seh_stackalloc 1024
	ldp x19, x20, [sp], #16
	.seh_save_regp_x x19, 16
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_huge_locals
	.p2align 2
p_huge_locals:
	.seh_proc p_huge_locals
	sub sp, sp, #4080
	.seh_stackalloc 4080
	sub sp, sp, #1024
	.seh_stackalloc 1024
	.seh_endprologue
	nop
	.seh_startepilogue
	add sp, sp, #1024
	.seh_stackalloc 1024
	add sp, sp, #4080
	.seh_stackalloc 4080
	.seh_endepilogue
	ret
	.seh_endproc

	.globl p_huge_chained
	.p2align 2
p_huge_chained:
	.seh_proc p_huge_chained
	stp x19, x20, [sp, #-16]!
	.seh_save_regp_x x19, 16
	sub sp, sp, #4080
	.seh_stackalloc 4080
	sub sp, sp, #512
	.seh_stackalloc 512
	stp x29, x30, [sp, #0]
	.seh_save_fplr 0
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp, #0]
	.seh_save_fplr 0
	add sp, sp, #512
	.seh_stackalloc 512
	add sp, sp, #4080
	.seh_stackalloc 4080
	ldp x19, x20, [sp], #16
	.seh_save_regp_x x19, 16
	.seh_endepilogue
	ret
	.seh_endproc

